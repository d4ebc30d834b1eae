// Prints the -hh scanner listing for the scanner folders given as arguments,
// with no other search path: the SDK test uses it to load a scanner built out
// of tree before (or without) the tcpflow program.
#include <iostream>

#include "host/host_error.h"
#include "host/scanner_host.h"

int main(int argc, char** argv) {
    tcpflow::HostConfig cfg;
    cfg.use_environment = false;
    cfg.use_default_dirs = false;
    try {
        tcpflow::ScannerHost host(cfg);
        for (int i = 1; i < argc; ++i) host.add_plugin_dir(argv[i]);
        host.load();
        host.print_hh(std::cout);
    } catch (const tcpflow::HostError& e) {
        std::cerr << "tcpflow: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
