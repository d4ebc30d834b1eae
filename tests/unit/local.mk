# Each component's unit-test program is declared in that component's local.mk
# (core/*/local.mk) and links this shared runner.
unit_runner_src = tests/unit/runner.cpp
unit_ldadd = libtcpflowcore.la $(CPPUNIT_LIBS)
unit_cxxflags = $(AM_CXXFLAGS) $(CPPUNIT_CFLAGS)
