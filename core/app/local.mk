bin_PROGRAMS += tcpflow
tcpflow_SOURCES = core/app/main.cpp
tcpflow_LDADD = libtcpflowcore.la
