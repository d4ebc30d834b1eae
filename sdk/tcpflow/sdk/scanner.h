/*
 * tcpflow scanner SDK: the binary contract between tcpflow and a scanner plugin.
 *
 * A scanner is a shared object (scan_NAME.so) that exports exactly one symbol,
 * tcpflow_scanner_entry, returning a pointer to a constant tcpflow_scanner_desc.
 * Everything that crosses the boundary is C layout: plain structs, pointer +
 * length views, NUL-terminated strings and function pointer tables. Nothing
 * whose layout depends on a C++ standard library build, no exceptions.
 *
 * Compatibility rule (enforced by the host in one function): a scanner loads
 * when its abi_major equals the host's TCPFLOW_SCANNER_ABI_MAJOR and its
 * abi_minor is not greater than the host's TCPFLOW_SCANNER_ABI_MINOR. The ABI
 * version is not the tcpflow package version.
 *
 * Rules for changing this header:
 *  - the first three fields of tcpflow_scanner_desc are frozen forever;
 *  - adding a field at the END of a struct, a new event bit, a new flag or a
 *    new host service at the end of tcpflow_host_api is a MINOR bump;
 *  - anything else (removing, reordering, retyping, changing meaning) is a
 *    MAJOR bump, and the plugin folder name (scanners-MAJOR) changes with it.
 *
 * SDK changelog
 *  1.0  first release: descriptor with parameter table, events (packet, flow
 *       open/data/gap/close, derived objects, end of run), host services (log,
 *       typed parameters, streamed derived objects, DFXML annotations of flows
 *       and objects, report summary, output directory, -b byte cap, narrowing
 *       the events at init).
 *  1.1  two host services appended to tcpflow_host_api: scanner_enabled (is
 *       another scanner on for this run?) and run_info (program, version,
 *       command line, input names, output directory). Nothing else changed:
 *       1.0 scanners load and run unchanged. A scanner calls a 1.1 service
 *       only after TCPFLOW_HOST_API_HAS(api, service) says the host has it.
 *  1.2  tcpflow_flow gained file_truncated at its end (the flow file holds
 *       fewer bytes than were delivered: a write failed) and tcpflow_host_api
 *       gained create_output_file (a run-wide output file under -o, made
 *       without following links) and stop_requested (the run was asked to
 *       stop: wind down). A
 *       scanner reads file_truncated only after TCPFLOW_FLOW_HAS(flow,
 *       file_truncated). Callbacks of a scanner disabled by a failure still
 *       get flow_close, object_close and end_of_run for what it holds.
 *       1.0 and 1.1 scanners load and run unchanged.
 *  1.3  threading and validation. Two descriptor flags:
 *       TCPFLOW_SCANNER_PER_WORKER (one instance per worker thread, see
 *       below) and TCPFLOW_SCANNER_NO_FLOW_FILES (works when flow files are
 *       not stored, -FX). Two callbacks appended to tcpflow_scanner_desc:
 *       validate_param (the host checks -S/YAML values before any output)
 *       and merge (folds one per-worker instance into another at the end).
 *       A descriptor of 1.0..1.2 ends before them: the host reads them only
 *       when TCPFLOW_DESC_HAS(desc, member). 1.0, 1.1 and 1.2 scanners load
 *       and run unchanged (one instance, calls serialised by the host).
 *       Also for C: TCPFLOW_SCANNER_DESC_INIT (the frozen prefix as designated
 *       initializers) and TCPFLOW_SCANNER_ENTRY(desc) (defines and exports
 *       the entry function); nothing in the binary contract changed for them.
 *
 * Threading model (1.3). With -j N the host runs N workers; every packet of
 * a connection (both directions), every flow event and every derived object
 * made from it is handled by one worker. A scanner with
 * TCPFLOW_SCANNER_PER_WORKER gets one instance per worker (init is called N
 * times); an instance's callbacks are only ever called from one thread at a
 * time, and only for its worker's flows and objects; packet events are split
 * among the instances the same way (packets that belong to no TCP flow go to
 * the first instance). Instances share the library's global and static
 * variables: guard those. At the end, after every flow is closed, the host
 * calls merge(first, other) for every other instance in worker order, then
 * fini(other), then end_of_run(first) and fini(first); a PER_WORKER scanner
 * without merge gets end_of_run on every instance, in worker order. A scanner
 * without the flag has one instance whose callbacks the host serialises (any
 * worker's thread may make the call, never two at once).
 */
#ifndef TCPFLOW_SDK_SCANNER_H
#define TCPFLOW_SDK_SCANNER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Major version of the scanner ABI this header describes. */
#define TCPFLOW_SCANNER_ABI_MAJOR 1
/** Minor version of the scanner ABI this header describes. */
#define TCPFLOW_SCANNER_ABI_MINOR 3
/** Name of the one symbol a scanner library exports. */
#define TCPFLOW_SCANNER_ENTRY_SYMBOL "tcpflow_scanner_entry"

/** Marks the entry symbol visible when the library is built with -fvisibility=hidden. */
#if defined(__GNUC__) || defined(__clang__)
#define TCPFLOW_SDK_EXPORT __attribute__((visibility("default")))
#else
#define TCPFLOW_SDK_EXPORT
#endif

/* ------------------------------------------------------------------------ */
/* Status codes                                                              */
/* ------------------------------------------------------------------------ */

/** Callbacks and services return TCPFLOW_OK on success. */
#define TCPFLOW_OK 0
/**
 * A generic failure. A scanner callback returning non-zero is disabled for the
 * rest of the run: no more data events (packet, flow_open/data/gap,
 * object_open/data), but still flow_close, object_close and end_of_run for
 * the flows and objects it holds state for, then fini. The failure is written
 * to the report (<scanner_faults>) and tcpflow exits with status 3. Log why
 * (TCPFLOW_LOG_ERROR) before returning it: the report quotes that line.
 */
#define TCPFLOW_ERROR 1
/** A host service was given an unknown name (parameter, element). */
#define TCPFLOW_ERR_UNKNOWN 2
/** A host service was asked for a parameter with a getter of the wrong type. */
#define TCPFLOW_ERR_TYPE 3
/** A host service could not complete because of an I/O error. */
#define TCPFLOW_ERR_IO 4
/** A host service refused because a limit was hit (e.g. derived object depth). */
#define TCPFLOW_ERR_LIMIT 5

/* ------------------------------------------------------------------------ */
/* Parameters                                                                */
/* ------------------------------------------------------------------------ */

/** Type of a scanner parameter. The host validates values set with -S or YAML against it. */
typedef enum tcpflow_param_type {
    TCPFLOW_PARAM_BOOL = 1,   /**< yes/no, true/false, on/off, 1/0 (case-insensitive) */
    TCPFLOW_PARAM_INT = 2,    /**< signed 64-bit decimal integer */
    TCPFLOW_PARAM_UINT = 3,   /**< unsigned 64-bit decimal integer */
    TCPFLOW_PARAM_DOUBLE = 4, /**< floating point number */
    TCPFLOW_PARAM_STRING = 5, /**< any text, including empty */
    TCPFLOW_PARAM_ENUM = 6    /**< one of a fixed list of words (tcpflow_param_desc::choices) */
} tcpflow_param_type;

/**
 * One parameter a scanner accepts (-S name=value, YAML `parameters:`).
 * Parameter names share one name space with the core and every other scanner;
 * a scanner declaring a name that is already taken is refused at load time.
 */
typedef struct tcpflow_param_desc {
    const char* name;          /**< e.g. "tcp_cmd"; letters, digits, '_', '-' and '.' */
    int32_t type;              /**< a tcpflow_param_type */
    const char* default_value; /**< default as text, valid for the type; never NULL */
    const char* help;          /**< one line of help shown by -hh */
    int32_t has_range;         /**< non-zero: INT/UINT/DOUBLE values must lie in [min_value, max_value] */
    int64_t min_value;         /**< inclusive lower bound when has_range */
    int64_t max_value;         /**< inclusive upper bound when has_range */
    const char* const* choices; /**< ENUM only: NULL-terminated list of accepted words */
} tcpflow_param_desc;

/* ------------------------------------------------------------------------ */
/* Events, flags and the views the host hands to callbacks                   */
/* ------------------------------------------------------------------------ */

/** Bits of tcpflow_scanner_desc::events: which callbacks the host should call. */
enum tcpflow_event {
    TCPFLOW_EVENT_PACKET = 1u << 0,     /**< every captured packet (packet callback) */
    TCPFLOW_EVENT_FLOW_OPEN = 1u << 1,  /**< a flow direction starts (flow_open) */
    TCPFLOW_EVENT_FLOW_DATA = 1u << 2,  /**< in-order bytes and gap markers (flow_data, flow_gap) */
    TCPFLOW_EVENT_FLOW_CLOSE = 1u << 3, /**< a flow direction ends, file final (flow_close) */
    TCPFLOW_EVENT_OBJECT = 1u << 4,     /**< derived objects made by scanners (object_open/data/close) */
    TCPFLOW_EVENT_END_OF_RUN = 1u << 5  /**< every flow is closed (end_of_run) */
};

/** Bits of tcpflow_scanner_desc::flags. */
enum tcpflow_scanner_flag {
    TCPFLOW_SCANNER_ENABLED_BY_DEFAULT = 1u << 0, /**< enabled unless -x / -E says otherwise */
    TCPFLOW_SCANNER_NOT_IN_ALL = 1u << 1,         /**< -a / -e all leaves it alone */
    /**
     * ABI 1.3. The scanner is safe to run as one instance per worker (see the
     * threading model at the top): the host then runs them in parallel.
     */
    TCPFLOW_SCANNER_PER_WORKER = 1u << 2,
    /**
     * ABI 1.3. The scanner needs no flow files on disk (it reads only the
     * events and annotates the report), so it may run when flow files are not
     * stored (-FX). Without it such a run refuses the scanner.
     */
    TCPFLOW_SCANNER_NO_FLOW_FILES = 1u << 3
};

/** Log levels for tcpflow_host_api::log. */
enum tcpflow_log_level {
    TCPFLOW_LOG_ERROR = 0, /**< always shown */
    TCPFLOW_LOG_WARNING = 1, /**< always shown */
    TCPFLOW_LOG_INFO = 2,  /**< shown with -d 2 and above */
    TCPFLOW_LOG_DEBUG = 3  /**< shown with -d 10 (-v) */
};

/** Why a flow direction was closed (tcpflow_flow::close_reason). */
enum tcpflow_close_reason {
    TCPFLOW_CLOSE_NONE = 0,         /**< still open */
    TCPFLOW_CLOSE_FIN = 1,          /**< FIN seen and every byte before it delivered */
    TCPFLOW_CLOSE_RST = 2,          /**< RST seen */
    TCPFLOW_CLOSE_TIMEOUT = 3,      /**< idle longer than tcp_timeout (packet time) */
    TCPFLOW_CLOSE_JUMP = 4,         /**< sequence jump larger than -m: the rest goes to a new file */
    TCPFLOW_CLOSE_NEW_SYN = 5,      /**< a new connection reused the 4-tuple */
    TCPFLOW_CLOSE_END_OF_INPUT = 6, /**< the capture ended */
    TCPFLOW_CLOSE_EVICTED = 7       /**< the live-flow cap was hit */
};

/** Packet time: seconds and nanoseconds since the epoch (after -S tdelta). */
typedef struct tcpflow_time {
    int64_t sec;   /**< seconds since 1970-01-01 UTC */
    uint32_t nsec; /**< 0..999999999 */
} tcpflow_time;

/**
 * One flow direction as seen by scanners. Owned by the host; valid from
 * flow_open until flow_close returns. Fields are refreshed before every callback.
 */
typedef struct tcpflow_flow {
    uint32_t struct_size;      /**< sizeof the host's tcpflow_flow; newer fields exist only if it covers them */
    uint8_t family;            /**< 4 or 6 */
    uint8_t has_vlan;          /**< non-zero when vlan is meaningful */
    uint16_t vlan;             /**< 12-bit VLAN id */
    uint8_t src[16];           /**< source address (IPv4 in the first 4 bytes) */
    uint8_t dst[16];           /**< destination address */
    uint16_t sport;            /**< source port */
    uint16_t dport;            /**< destination port */
    const char* src_text;      /**< source address as text ("192.168.1.2", "2001:db8::1") */
    const char* dst_text;      /**< destination address as text */
    uint64_t flow_id;          /**< 0-based creation counter over all directions */
    uint64_t session_id;       /**< shared by both directions of one connection */
    tcpflow_time first_seen;   /**< packet time of the first packet */
    tcpflow_time last_seen;    /**< packet time of the latest packet */
    uint64_t packets;          /**< TCP packets attributed to this direction so far */
    const char* path;          /**< flow file path ("" until the file writer has named it; final at close) */
    uint64_t stored_bytes;     /**< bytes written to the file (after -b) */
    uint64_t logical_size;     /**< highest stream offset delivered */
    int32_t close_reason;      /**< a tcpflow_close_reason; TCPFLOW_CLOSE_NONE until close */
    const char* close_reason_name; /**< "fin", "rst", "timeout", ... ("" until close) */
    const void* host_private;  /**< the host's own; do not touch */
    /* --- ABI 1.2: present only when TCPFLOW_FLOW_HAS(flow, ...) --- */
    /**
     * ABI 1.2. Non-zero when the flow file holds fewer bytes than were
     * delivered (a write failed: disk full, I/O error); final at flow_close.
     * A digest of the delivered stream then does not describe the file.
     */
    int32_t file_truncated;
} tcpflow_flow;

/**
 * Non-zero when the flow view `flow` (a const tcpflow_flow*) has the field
 * `member`, i.e. the host is new enough to fill it in:
 *     if (TCPFLOW_FLOW_HAS(flow, file_truncated) && flow->file_truncated) ...
 */
#define TCPFLOW_FLOW_HAS(flow, member) \
    ((flow)->struct_size >= offsetof(tcpflow_flow, member) + sizeof((flow)->member))

/**
 * A derived object: a file a scanner made from a flow or from another object
 * (an HTTP body, its decompressed form, ...). Owned by the host; valid from
 * object_open until object_close returns.
 */
typedef struct tcpflow_object {
    uint32_t struct_size;          /**< sizeof the host's tcpflow_object */
    const char* path;              /**< where the host writes it: <parent path><suffix> */
    const char* content_type;      /**< e.g. "text/html" ("" if unknown) */
    const char* content_encoding;  /**< e.g. "gzip" ("" if none) */
    const char* producer;          /**< name of the scanner that made it */
    const tcpflow_flow* flow;      /**< the flow it ultimately came from */
    const struct tcpflow_object* parent; /**< the object it was made from, NULL if made from the flow */
    uint32_t depth;                /**< 1 for an object made from a flow, parent's depth + 1 otherwise */
    uint64_t source_offset;        /**< offset in the parent of the first source byte (UINT64_MAX: none) */
    uint64_t size;                 /**< bytes written so far; final in object_close */
    const void* host_private;      /**< the host's own; do not touch */
} tcpflow_object;

/** A captured packet, before any decoding. Valid only during the packet callback. */
typedef struct tcpflow_packet {
    uint32_t struct_size; /**< sizeof the host's tcpflow_packet */
    int32_t dlt;          /**< libpcap link type (DLT_EN10MB, ...) */
    tcpflow_time ts;      /**< packet time (after tdelta) */
    uint32_t caplen;      /**< bytes captured (length of data) */
    uint32_t wirelen;     /**< bytes on the wire */
    const uint8_t* data;  /**< the captured bytes */
} tcpflow_packet;

/* ------------------------------------------------------------------------ */
/* Host services                                                             */
/* ------------------------------------------------------------------------ */

/** Opaque handle of the host, one per scanner; pass it back to every service. */
typedef struct tcpflow_host tcpflow_host;

/**
 * Services the host offers to a scanner, given to init. Valid until fini
 * returns. Services may be called only from inside a callback (or init).
 * Fields after those of ABI 1.0 exist only when struct_size covers them.
 */
typedef struct tcpflow_host_api {
    uint32_t abi_major;   /**< host ABI major */
    uint32_t abi_minor;   /**< host ABI minor */
    uint32_t struct_size; /**< sizeof the host's tcpflow_host_api */
    tcpflow_host* host;   /**< handle to pass to every service */

    /** Print one line on stderr, prefixed with "tcpflow: NAME: ". */
    void (*log)(tcpflow_host* host, int32_t level, const char* message);

    /**
     * Current value of a parameter (this scanner's or any other scanner's) as
     * text. *value stays valid until fini. Returns TCPFLOW_ERR_UNKNOWN for an
     * undeclared name.
     */
    int32_t (*get_param)(tcpflow_host* host, const char* name, const char** value);
    /** A BOOL parameter as 0/1. TCPFLOW_ERR_TYPE if the parameter is not BOOL. */
    int32_t (*get_param_bool)(tcpflow_host* host, const char* name, int32_t* value);
    /** An INT (or UINT not above INT64_MAX) parameter. */
    int32_t (*get_param_int)(tcpflow_host* host, const char* name, int64_t* value);
    /** A UINT (or non-negative INT) parameter. */
    int32_t (*get_param_uint)(tcpflow_host* host, const char* name, uint64_t* value);
    /** A DOUBLE, INT or UINT parameter as a double. */
    int32_t (*get_param_double)(tcpflow_host* host, const char* name, double* value);

    /** The output directory (-o), "." by default. */
    const char* (*output_dir)(tcpflow_host* host);
    /** The per-flow byte cap (-b): flow files hold stream offsets below it. 0 = no cap. */
    uint64_t (*max_bytes)(tcpflow_host* host);

    /**
     * Start a derived object written to <parent path><name_suffix>, where the
     * parent is `parent` when not NULL, else the flow's file. Other scanners
     * that want TCPFLOW_EVENT_OBJECT see it while it is written (up to a depth
     * limit). The object is listed in the flow's DFXML record. `flow` must be
     * the flow of the current callback. Returns NULL on failure (logged).
     */
    const tcpflow_object* (*object_create)(tcpflow_host* host, const tcpflow_flow* flow,
                                           const tcpflow_object* parent, const char* name_suffix,
                                           const char* content_type, const char* content_encoding,
                                           uint64_t source_offset);
    /** Append bytes to an object this scanner created. */
    int32_t (*object_write)(tcpflow_host* host, const tcpflow_object* object, const uint8_t* data,
                            size_t len);
    /**
     * Finish an object this scanner created. An empty object is removed from
     * disk and from the report unless keep_empty is non-zero. Objects still open
     * when their flow closes are finished by the host.
     */
    int32_t (*object_finish)(tcpflow_host* host, const tcpflow_object* object, int32_t keep_empty);

    /**
     * Add name='value' to the DFXML record of `flow` (the <tcpflow> element), or
     * of `object` when not NULL (its <fileobject>). The host escapes the value.
     */
    int32_t (*add_attribute)(tcpflow_host* host, const tcpflow_flow* flow, const tcpflow_object* object,
                             const char* name, const char* value);
    /**
     * Add <element a='v' ...>text</element> inside the <fileobject> of `flow`,
     * or of `object` when not NULL. attributes is a NULL-terminated list of
     * name, value pairs (may be NULL); text may be NULL for an empty element.
     * The host escapes attribute values and text.
     */
    int32_t (*add_xml_child)(tcpflow_host* host, const tcpflow_flow* flow, const tcpflow_object* object,
                             const char* element, const char* const* attributes, const char* text);
    /** Like add_xml_child, into the report's <summary> (typically from end_of_run). */
    int32_t (*add_summary_child)(tcpflow_host* host, const char* element, const char* const* attributes,
                                 const char* text);
    /**
     * Only from init: narrow the events delivered this run to `events` (ANDed
     * with tcpflow_scanner_desc::events). A scanner with nothing to do for
     * the current parameters asks for none and costs nothing per flow.
     */
    int32_t (*set_events)(tcpflow_host* host, uint32_t events);

    /* --- ABI 1.1: present only when TCPFLOW_HOST_API_HAS(api, ...) --- */

    /**
     * ABI 1.1. 1 if a scanner called `name` is loaded and enabled for this
     * run (by default, -e, -E, -a, works_with, the YAML file; not turned off
     * by -x), else 0 (also for an unknown name or NULL). The answer is fixed
     * once the scanners start (init included): a scanner disabled later
     * because one of its callbacks failed still counts as enabled.
     */
    int32_t (*scanner_enabled)(tcpflow_host* host, const char* name);
    /**
     * ABI 1.1. A fact about the run as text, or NULL for an unknown key (or
     * when the application did not say). The string stays valid and
     * unchanged until fini. Keys:
     *  - "program": "tcpflow";
     *  - "version": the host's package version ("2.0.0");
     *  - "command_line": the command line, arguments joined with spaces;
     *  - "inputs": the inputs joined with ", ": capture file names as given
     *    ("-" is "stdin"), "interface NAME" for a live capture;
     *  - "output_dir": as output_dir().
     */
    const char* (*run_info)(tcpflow_host* host, const char* key);

    /* --- ABI 1.2: present only when TCPFLOW_HOST_API_HAS(api, ...) --- */

    /**
     * ABI 1.2. Create the file `name` (relative to the output directory; '/'
     * separates subfolders, made as needed; ".." is refused) for a run-wide
     * output such as a report, and set *fd to a write-only descriptor the
     * scanner owns and must close. Whatever was at `name` is replaced, and no
     * symbolic link is ever followed (tcpflow often runs as root in folders
     * others can write to), so scanners must not create files under the
     * output directory by path. Returns TCPFLOW_OK, or TCPFLOW_ERR_IO (logged).
     */
    int32_t (*create_output_file)(tcpflow_host* host, const char* name, int32_t* fd);

    /**
     * ABI 1.2. 1 once the run was asked to stop (SIGINT, SIGTERM, SIGHUP),
     * else 0. The remaining flows are then closed and the report written: a
     * scanner that waits on something (a child process, a socket) should stop
     * waiting and start nothing long from here on.
     */
    int32_t (*stop_requested)(tcpflow_host* host);
} tcpflow_host_api;

/**
 * Non-zero when the host's services table `api` (a const tcpflow_host_api*)
 * has the service `member`, i.e. the host is new enough to fill it in. Use it
 * before calling any service added after ABI 1.0:
 *     if (TCPFLOW_HOST_API_HAS(api, run_info)) v = api->run_info(api->host, "inputs");
 */
#define TCPFLOW_HOST_API_HAS(api, member)                                           \
    ((api)->abi_major == TCPFLOW_SCANNER_ABI_MAJOR &&                                 \
     (api)->struct_size >= offsetof(tcpflow_host_api, member) + sizeof((api)->member) && \
     (api)->member != NULL)

/* ------------------------------------------------------------------------ */
/* The descriptor                                                            */
/* ------------------------------------------------------------------------ */

/**
 * What a scanner is and what it does. Exactly one per library, returned by
 * tcpflow_scanner_entry(); must stay valid while the library is loaded.
 *
 * Callbacks return TCPFLOW_OK (0) on success. A non-zero status (or an
 * exception escaping a callback) disables the scanner for the rest of the
 * run, with one message naming the scanner, the event and the flow;
 * recording goes on (see TCPFLOW_ERROR). A fatal signal in a callback
 * (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) prints one such line and the
 * process dies of that signal.
 * Any callback may be NULL when the matching event bit is not set.
 */
typedef struct tcpflow_scanner_desc {
    /* --- frozen prefix: never changes in any ABI version --- */
    uint32_t abi_major;   /**< TCPFLOW_SCANNER_ABI_MAJOR the scanner was built with */
    uint32_t abi_minor;   /**< TCPFLOW_SCANNER_ABI_MINOR the scanner was built with */
    uint32_t struct_size; /**< sizeof(tcpflow_scanner_desc) the scanner was built with */

    /* --- identity --- */
    const char* name;        /**< unique scanner name used by -e/-x ("md5"); [a-z0-9_]+ */
    const char* version;     /**< the scanner's own version ("1.0.0") */
    const char* license;     /**< SPDX identifier ("GPL-3.0-or-later") */
    const char* description; /**< one line for -H */

    /* --- what it needs --- */
    const tcpflow_param_desc* params; /**< parameter table (may be NULL) */
    uint32_t param_count;             /**< entries in params */
    uint32_t events;                  /**< OR of tcpflow_event bits */
    uint32_t flags;                   /**< OR of tcpflow_scanner_flag bits */
    const char* const* works_with;    /**< NULL-terminated names enabled along with this one (may be NULL) */

    /* --- lifecycle --- */
    /**
     * Called once after configuration, only if the scanner is enabled. Store
     * `api` and set *instance to the scanner's state (passed to every other
     * callback). A non-zero status is fatal for the run: log why first.
     */
    int32_t (*init)(const tcpflow_host_api* api, void** instance);
    /** Called once at the end (also after a failure). Free the instance here. */
    void (*fini)(void* instance);

    /* --- events --- */
    /** TCPFLOW_EVENT_PACKET: every captured packet, in capture order. */
    int32_t (*packet)(void* instance, const tcpflow_packet* packet);
    /** TCPFLOW_EVENT_FLOW_OPEN: a flow starts. Set *flow_state for this flow (or leave NULL). */
    int32_t (*flow_open)(void* instance, const tcpflow_flow* flow, void** flow_state);
    /** TCPFLOW_EVENT_FLOW_DATA: bytes [offset, offset+len) of the stream, in order. */
    int32_t (*flow_data)(void* instance, const tcpflow_flow* flow, void* flow_state, uint64_t offset,
                         const uint8_t* data, size_t len);
    /** TCPFLOW_EVENT_FLOW_DATA: bytes [offset, offset+len) will never arrive (the file holds zeros there). */
    int32_t (*flow_gap)(void* instance, const tcpflow_flow* flow, void* flow_state, uint64_t offset,
                        uint64_t len);
    /**
     * TCPFLOW_EVENT_FLOW_CLOSE: the flow is over; flow->path is the final file
     * ("" when nothing was stored), flow->close_reason says why. Free flow_state here.
     */
    int32_t (*flow_close)(void* instance, const tcpflow_flow* flow, void* flow_state);
    /** TCPFLOW_EVENT_OBJECT: another scanner started a derived object. Set *object_state. */
    int32_t (*object_open)(void* instance, const tcpflow_object* object, void** object_state);
    /** TCPFLOW_EVENT_OBJECT: bytes [offset, offset+len) of the object, in order. */
    int32_t (*object_data)(void* instance, const tcpflow_object* object, void* object_state,
                           uint64_t offset, const uint8_t* data, size_t len);
    /** TCPFLOW_EVENT_OBJECT: the object is complete; object->size is final. Free object_state here. */
    int32_t (*object_close)(void* instance, const tcpflow_object* object, void* object_state);
    /** TCPFLOW_EVENT_END_OF_RUN: every flow is closed; write summaries now. */
    int32_t (*end_of_run)(void* instance);

    /* --- ABI 1.3: read by the host only when TCPFLOW_DESC_HAS(desc, ...) --- */
    /**
     * ABI 1.3 (may be NULL). Checks a value given to one of this scanner's
     * parameters (-S, YAML) beyond its type, range and choices, which the
     * host checks itself. Called before init and before any output exists,
     * once for every parameter of the scanner that was set. Return TCPFLOW_OK
     * to accept; otherwise write one line saying why into why (why_size bytes,
     * NUL-terminated): the run stops with exit status 2 and a message naming
     * the parameter, the value and the reason.
     */
    int32_t (*validate_param)(const char* name, const char* value, char* why, size_t why_size);
    /**
     * ABI 1.3 (may be NULL). TCPFLOW_SCANNER_PER_WORKER scanners only: fold
     * the run-wide results of instance `from` into instance `into` (e.g. add
     * histograms), after every flow is closed and before end_of_run. The host
     * calls fini(from) afterwards. A non-zero status is a scanner failure.
     */
    int32_t (*merge)(void* into, void* from);
} tcpflow_scanner_desc;

/**
 * Non-zero when the descriptor `desc` (a const tcpflow_scanner_desc*) has the
 * field `member`, i.e. the scanner was built with a header that declares it.
 */
#define TCPFLOW_DESC_HAS(desc, member) \
    ((desc)->struct_size >= offsetof(tcpflow_scanner_desc, member) + sizeof((desc)->member))

/** Type of the entry symbol every scanner library exports. */
typedef const tcpflow_scanner_desc* (*tcpflow_scanner_entry_fn)(void);

/**
 * ABI 1.3 header (usable with any 1.x host). The frozen prefix of a
 * descriptor, filled from this header, as C99 designated initializers; list
 * the other fields by name after it (those left out are zero/NULL):
 *
 *     static const tcpflow_scanner_desc desc = {
 *         TCPFLOW_SCANNER_DESC_INIT,
 *         .name = "cexample", .version = "1.0", .license = "MIT",
 *         .description = "bytes per flow",
 *         .events = TCPFLOW_EVENT_FLOW_OPEN | TCPFLOW_EVENT_FLOW_DATA | TCPFLOW_EVENT_FLOW_CLOSE,
 *         .init = my_init, .fini = my_fini, ...
 *     };
 *     TCPFLOW_SCANNER_ENTRY(desc)
 *
 * (C++ needs C++20 for designated initializers, in declaration order; the
 * C++ layer's tcpflow::sdk::describe() in scanner.hpp is the C++17 way.)
 */
#define TCPFLOW_SCANNER_DESC_INIT                                                    \
    .abi_major = TCPFLOW_SCANNER_ABI_MAJOR, .abi_minor = TCPFLOW_SCANNER_ABI_MINOR, \
    .struct_size = sizeof(tcpflow_scanner_desc)

#ifdef __cplusplus
#define TCPFLOW_SDK_EXTERN_C extern "C"
#else
#define TCPFLOW_SDK_EXTERN_C
#endif

/**
 * ABI 1.3 header. Defines the library's one exported entry function,
 * tcpflow_scanner_entry, returning &desc (a static const
 * tcpflow_scanner_desc). Use it once per library, at file scope, in C or
 * C++; build with -fvisibility=hidden so that nothing else is exported.
 */
#define TCPFLOW_SCANNER_ENTRY(desc)                                                         \
    TCPFLOW_SDK_EXTERN_C TCPFLOW_SDK_EXPORT const tcpflow_scanner_desc* tcpflow_scanner_entry(void); \
    TCPFLOW_SDK_EXTERN_C TCPFLOW_SDK_EXPORT const tcpflow_scanner_desc* tcpflow_scanner_entry(void) { \
        return &(desc);                                                                     \
    }

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* TCPFLOW_SDK_SCANNER_H */
