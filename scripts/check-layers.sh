#!/bin/sh
# check-layers.sh [BUILD]: the layer rules of ARCHITECTURE.md on the include graph of BUILD (default
# build/asan, built first); the work is in check-layers.py.
exec python3 "$(dirname "$0")/check-layers.py" "$@"
