/*
 * A tcpflow scanner in plain C: counts the bytes of every flow direction and
 * writes the count into the flow's record in report.xml
 * (<tcpflow ... cexample_bytes='519'/>), and the totals into <summary>.
 *
 * It shows the C side of the SDK: TCPFLOW_SCANNER_DESC_INIT fills the ABI
 * fields, TCPFLOW_SCANNER_ENTRY exports the entry function, a setting with a
 * validate_param callback (checked before any output exists), and
 * TCPFLOW_SCANNER_NO_FLOW_FILES (it needs no flow files, so it runs with -FX).
 *
 * Build:  cc $(pkg-config --variable=scanner_cflags tcpflow-sdk) $(pkg-config --cflags tcpflow-sdk) \
 *            scan_cexample.c -o scan_cexample.so $(pkg-config --variable=scanner_ldflags tcpflow-sdk)
 * Run:    tcpflow --plugin-dir . -e cexample -r capture.pcap -o out
 *         tcpflow --plugin-dir . -e cexample -S cexample_attribute=payload_len -r capture.pcap -o out
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tcpflow/sdk/scanner.h>

/* The run-wide state, one per init. */
struct cexample {
    const tcpflow_host_api* api;
    const char* attribute; /* the report attribute: the cexample_attribute setting */
    uint64_t flows;
    uint64_t bytes;
};

/* Attribute names tcpflow writes on <tcpflow> itself: a scanner may not reuse them. */
static const char* const taken[] = {"startime", "endtime",  "mac_daddr",          "mac_saddr",  "family",
                                    "src_ipn",  "dst_ipn",  "srcport",            "dstport",    "packets",
                                    "out_of_order_count", "violations", "len", "caplen", NULL};

/* An XML attribute name of letters, digits and '_', not starting with a digit,
 * and not one of tcpflow's own. The host checks the type; this checks the text. */
static int32_t validate_param(const char* name, const char* value, char* why, size_t why_size) {
    size_t i;
    if (strcmp(name, "cexample_attribute") != 0) return TCPFLOW_OK;
    if (value[0] == '\0' || (value[0] >= '0' && value[0] <= '9')) {
        snprintf(why, why_size, "an attribute name must start with a letter or '_'");
        return TCPFLOW_ERROR;
    }
    for (i = 0; value[i]; ++i) {
        char c = value[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
            snprintf(why, why_size, "'%c' is not allowed in an attribute name (letters, digits and '_')", c);
            return TCPFLOW_ERROR;
        }
    }
    for (i = 0; taken[i]; ++i)
        if (strcmp(value, taken[i]) == 0) {
            snprintf(why, why_size, "'%s' is an attribute tcpflow writes itself", value);
            return TCPFLOW_ERROR;
        }
    return TCPFLOW_OK;
}

static int32_t init(const tcpflow_host_api* api, void** instance) {
    struct cexample* s = calloc(1, sizeof *s);
    if (!s) {
        api->log(api->host, TCPFLOW_LOG_ERROR, "out of memory");
        return TCPFLOW_ERROR;
    }
    s->api = api;
    /* The value stays valid until fini; the host validated it already. */
    if (api->get_param(api->host, "cexample_attribute", &s->attribute) != TCPFLOW_OK) {
        free(s);
        return TCPFLOW_ERROR;
    }
    *instance = s;
    return TCPFLOW_OK;
}

static void fini(void* instance) { free(instance); }

/* Per flow direction: a byte counter, freed in flow_close. */
static int32_t flow_open(void* instance, const tcpflow_flow* flow, void** flow_state) {
    (void)instance;
    (void)flow;
    *flow_state = calloc(1, sizeof(uint64_t));
    return *flow_state ? TCPFLOW_OK : TCPFLOW_ERROR;
}

static int32_t flow_data(void* instance, const tcpflow_flow* flow, void* flow_state, uint64_t offset,
                         const uint8_t* data, size_t len) {
    (void)instance;
    (void)flow;
    (void)offset;
    (void)data;
    *(uint64_t*)flow_state += len;
    return TCPFLOW_OK;
}

static int32_t flow_gap(void* instance, const tcpflow_flow* flow, void* flow_state, uint64_t offset, uint64_t len) {
    (void)instance;
    (void)flow;
    (void)flow_state;
    (void)offset;
    (void)len;
    return TCPFLOW_OK; /* missing bytes are not counted */
}

static int32_t flow_close(void* instance, const tcpflow_flow* flow, void* flow_state) {
    struct cexample* s = instance;
    uint64_t n = *(uint64_t*)flow_state;
    char text[24];
    free(flow_state);
    s->flows++;
    s->bytes += n;
    snprintf(text, sizeof text, "%llu", (unsigned long long)n);
    return s->api->add_attribute(s->api->host, flow, NULL, s->attribute, text);
}

static int32_t end_of_run(void* instance) {
    struct cexample* s = instance;
    char flows[24], bytes[24];
    const char* attributes[5];
    snprintf(flows, sizeof flows, "%llu", (unsigned long long)s->flows);
    snprintf(bytes, sizeof bytes, "%llu", (unsigned long long)s->bytes);
    attributes[0] = "flows";
    attributes[1] = flows;
    attributes[2] = "bytes";
    attributes[3] = bytes;
    attributes[4] = NULL;
    return s->api->add_summary_child(s->api->host, "cexample", attributes, NULL);
}

static const tcpflow_param_desc params[] = {
    {.name = "cexample_attribute",
     .type = TCPFLOW_PARAM_STRING,
     .default_value = "cexample_bytes",
     .help = "Name of the report attribute that holds each flow's byte count"},
};

static const tcpflow_scanner_desc desc = {
    TCPFLOW_SCANNER_DESC_INIT,
    .name = "cexample",
    .version = "1.0.0",
    .license = "MIT",
    .description = "Example in C: bytes per flow direction, in report.xml",
    .params = params,
    .param_count = sizeof params / sizeof params[0],
    .events = TCPFLOW_EVENT_FLOW_OPEN | TCPFLOW_EVENT_FLOW_DATA | TCPFLOW_EVENT_FLOW_CLOSE | TCPFLOW_EVENT_END_OF_RUN,
    .flags = TCPFLOW_SCANNER_NO_FLOW_FILES,
    .init = init,
    .fini = fini,
    .flow_open = flow_open,
    .flow_data = flow_data,
    .flow_gap = flow_gap,
    .flow_close = flow_close,
    .end_of_run = end_of_run,
    .validate_param = validate_param,
};

TCPFLOW_SCANNER_ENTRY(desc)
