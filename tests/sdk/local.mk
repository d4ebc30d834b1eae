# tests/sdk: the SDK without sharp edges: C entry macro and C example, validators, -FX scanners (issue 14).
# The C example built with cc and the .pc's flags, loaded and run; validators and -FX in the
# shipped scanners; the report's <configuration>; the man page's sections and example.
TESTS += tests/sdk/c-scanner.sh tests/sdk/shipped-scanners.sh tests/sdk/report-configuration.sh \
	tests/sdk/man-page.sh
EXTRA_DIST += tests/sdk/c-scanner.sh tests/sdk/shipped-scanners.sh tests/sdk/report-configuration.sh \
	tests/sdk/man-page.sh tests/sdk/lib.sh tests/sdk/fixtures/scan_broken.c
