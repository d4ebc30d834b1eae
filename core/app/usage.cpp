#include "app/usage.h"
#include "app/run_config.h"
#include "config.h"

namespace tcpflow {

void print_version(FILE* out) { fprintf(out, "TCPFLOW %s\n", PACKAGE_VERSION); }

void print_usage(FILE* out) {
    fputs("usage: tcpflow [-aBcCDhHIpPqsvVZ0JK] [-b max_bytes] [-d debug_level]\n"
          "     [-[eE] scanner] [-x scanner] [-f max_fds] [-F[ctTXMkmg]] [-h|--help] [-i iface]\n"
          "     [-j|--jobs N] [-l files...] [-L semlock] [-m max_seek] [-o outdir] [-r file] [-R file]\n"
          "     [-S name=value] [-T template] [-U|--relinquish-privileges user] [-v|--verbose]\n"
          "     [-w file] [-X xmlfile] [-z|--chroot dir] [--plugin-dir dir] [--config file]\n"
          "     [--json file] [--shard K/N] [--shard-split N] [expression]\n"
          "       tcpflow --merge [--force] [--link] OUT SHARD_DIR...\n",
          out);
}

void print_help(FILE* out, bool more) {
    fprintf(out, "TCPFLOW version %s\n\n", PACKAGE_VERSION);
    print_usage(out);
    fputs("\n"
          "Input:\n"
          "   -r file   read packets from a pcap/pcapng file, plain or gzip ('-' = stdin; repeatable);\n"
          "             a folder: every capture in it, in first-packet order, as one input\n"
          "   -R file   read a file only to finish flows opened by earlier files\n"
          "   -l        treat the remaining arguments as input files, not a filter expression\n"
          "   -i iface  capture live on an interface (default: the first one)\n"
          "   -p        do not put the interface in promiscuous mode\n"
          "   expression  a BPF filter (tcpdump syntax)\n"
          "\n"
          "Output:\n"
          "   -o outdir    output directory (default '.'; created if missing)\n"
          "   -X file      write the DFXML report to file (default outdir/report.xml)\n"
          "   --json file  JSON flow log: one line per connection, then a summary ('-' = stdout)\n"
          "   -b max_bytes store at most max_bytes of each flow\n"
          "   -m bytes     a sequence jump larger than this starts a new file (default 16777216)\n"
          "   -f max_fds   flow files open at once (least recently used are closed and reopened)\n"
          "   -F[ctTXMkmg] file-name options (-hh for details)\n"
          "   -T template  file-name template (-hh for details; default %A.%a-%B.%b%V%v%C%c)\n"
          "   -I           also write <flow>.findx byte index files (offset|time|length)\n"
          "   -K           write each flow's packets to <flow>.pcap instead of its stream\n"
          "   -w file      write packets that were not processed (not TCP, undecodable) to a pcap\n"
          "   -P           no purge: FIN/RST do not close flows; they stay until the end\n"
          "   -Z           do not decompress gzip/deflate HTTP bodies\n"
          "\n"
          "Console output (no flow files):\n"
          "   -c  print each flow's reassembled data, with a header naming the flow\n"
          "   -C  same, without the header\n"
          "   -0  no newline after each chunk\n"
          "   -B  binary output (do not replace non-printable characters)\n"
          "   -s  replace non-printable characters with '.' (also in stored files)\n"
          "   -D  hex dump\n"
          "   -g  colours: client to server blue, server to client red, undecided green\n"
          "   -J  JSON lines\n"
          "   -L  name  lock console writes with the named semaphore\n"
          "\n"
          "Scanners:\n"
          "   -e name   enable a scanner (-e all: every scanner)   -a  enable all scanners\n"
          "   -E name   disable every scanner, then enable name     -x name  disable a scanner\n"
          "   -S name=value  set a core or scanner setting (-hh lists them)\n"
          "   -H        details of every scanner\n"
          "   --plugin-dir dir  look for scanner plugins in dir first (repeatable); a plugin or\n"
          "                     folder others than root and you can write is skipped\n"
          "                     (-S plugin_trust=any loads it)\n"
          "   --config file     YAML configuration (scanners, settings, core options)\n"
          "\n"
          "Shards (several processes or machines, doc/sharding.md):\n"
          "   --shard K/N      record only the connections of shard K of N (K = 0..N-1; shard 0\n"
          "                    also keeps -w packets and packet scanners such as netviz)\n"
          "   --shard-split N  with -o DIR -r files: write DIR/shard-K-of-N.pcap, each shard's packets\n"
          "   --merge [--force] [--link] OUT SHARD_DIR...  (first argument) gather the shards' folders\n"
          "                    into OUT with one report.xml; --link keeps the shard folders (hard links),\n"
          "                    --force accepts interrupted shards\n"
          "\n"
          "Other:\n"
          "   -j N      worker threads (default: one per online core; -j 1: single-threaded).\n"
          "             Same files and report records whatever N (record order may differ)\n"
          "   -d level  debug level (default 1)     -v  verbose (-d 10)\n"
          "   -q        quiet: no warnings, no progress line   -V  print the version and exit\n"
          "   -h        this help (-hh for more)\n"
          "   -U user   drop privileges to user after opening the capture\n"
          "   -z dir    chroot to dir (requires -U)\n",
          out);
    if (!more) {
        fputs("\nSee the man page tcpflow(1) for more.\n", out);
        return;
    }
    fputs("\n"
          "File-name options (-F):\n"
          "   -Fc  append the connection counter to every file name\n"
          "   -Ft  prepend the time_t UTC timestamp of the flow's first packet\n"
          "   -FT  prepend the ISO 8601 UTC timestamp of the flow's first packet\n"
          "   -FX  do not store flow files (report only; only scanners that need no flow files run)\n"
          "   -FM  calculate the MD5 of every flow (enables the md5 scanner)\n"
          "   -Fk  bin output in 1K directories\n"
          "   -Fm  bin output in 1M directories (2 levels)\n"
          "   -Fg  bin output in 1G directories (3 levels)\n"
          "\n"
          "File-name template codes (-T):\n"
          "   %A/%a source address/port       %B/%b destination address/port\n"
          "   %E/%e source/destination MAC    %V/%v '--'/VLAN id when the flow has a VLAN\n"
          "   %T/%t first packet time, ISO 8601 / time_t\n"
          "   %c connection counter when > 0  %C 'c' when the counter > 0   %# counter always\n"
          "   %N flow number % 1000   %K (number/1000) % 1000   %M (number/1e6) % 1000\n"
          "   %G (number/1e9) % 1000  %S session id (shared by both directions)   %% a '%'\n"
          "   A template without %c gets %C%c appended; '/' makes subdirectories.\n",
          out);
}

}  // namespace tcpflow
