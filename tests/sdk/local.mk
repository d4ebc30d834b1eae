# tests/sdk: the SDK without sharp edges: C entry macro and C example, validators, -FX scanners (issue 14).
