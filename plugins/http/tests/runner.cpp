// The shared CppUnit main of the unit tests.
#include "tests/unit/runner.cpp"
