libtcpflowcore_la_SOURCES += \
	core/flow/flow_key.h core/flow/flow_key.cpp \
	core/flow/flow_info.h core/flow/flow_sink.h \
	core/flow/closed_flows.h core/flow/closed_flows.cpp \
	core/flow/flow_table.h core/flow/flow_table.cpp
