# Sharding across processes and machines: --shard K/N, --shard-split, --merge (doc/sharding.md).
libtcpflowcore_la_SOURCES += \
	core/shard/shard_spec.h core/shard/shard_spec.cpp \
	core/shard/shard_filter.h core/shard/shard_filter.cpp \
	core/shard/shard_run_rules.h core/shard/shard_run_rules.cpp \
	core/shard/shard_report.h core/shard/shard_report.cpp \
	core/shard/shard_set_check.h core/shard/shard_set_check.cpp \
	core/shard/report_merge.h core/shard/report_merge.cpp \
	core/shard/shard_files.h core/shard/shard_files.cpp \
	core/shard/merge_command.h core/shard/merge_command.cpp \
	core/shard/shard_split.h core/shard/shard_split.cpp
dist_doc_DATA += doc/sharding.md
EXTRA_DIST += examples/slurm/tcpflow-array.sbatch examples/slurm/submit.sh

check_PROGRAMS += tests/unit/test_shard
TESTS += tests/unit/test_shard
tests_unit_test_shard_SOURCES = $(unit_runner_src) tests/unit/shard/test_shard.cpp
tests_unit_test_shard_CXXFLAGS = $(unit_cxxflags)
tests_unit_test_shard_LDADD = $(unit_ldadd)
