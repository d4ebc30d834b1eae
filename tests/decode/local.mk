# tests/decode: link layers and tunnels against tshark truth (issue 15). One fragment per helper.
include $(top_srcdir)/tests/decode/linklayers.mk
include $(top_srcdir)/tests/decode/tunnels.mk
