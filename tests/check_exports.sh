#!/bin/sh
# Fails when libnutmm.so exports a symbol that no installed public header
# declares (the library's ABI is exactly include/nutmm/*.h; private helpers
# carry NUTMM_INTERNAL, lib/internal.h).  Also fails when a declared function
# is missing from the library, so the two lists cannot drift apart.
#   usage: check_exports.sh NM LIBNUTMM.so INCLUDE_DIR
set -eu
nm_prog=$1 lib=$2 incdir=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Dynamic symbols defined by the library (code and data), excluding the
# linker's own section markers.
"$nm_prog" -D --defined-only "$lib" | awk 'NF >= 3 { print $3 }' |
  sed 's/@.*//' | grep -v -E '^(_init|_fini|_edata|_end|__bss_start)$' | sort -u > "$tmp/exported"
# Functions declared in the public headers: an identifier followed by "(".
# static inline functions live in the headers, not the library.
cat "$incdir"/nutmm/*.h | sed 's:/\*.*\*/::g' |
  grep -o -E '\bnutmm_[A-Za-z0-9_]+[[:space:]]*\(' | sed 's/[[:space:]]*($//' | sort -u > "$tmp/declared"
cat "$incdir"/nutmm/*.h | grep -E '^static inline' |
  grep -o -E '\bnutmm_[A-Za-z0-9_]+[[:space:]]*\(' | sed 's/[[:space:]]*($//' | sort -u > "$tmp/inline"
comm -23 "$tmp/declared" "$tmp/inline" > "$tmp/declared_lib"

test -s "$tmp/exported" || { echo "no exported symbols read from $lib" >&2; exit 1; }
test -s "$tmp/declared" || { echo "no declarations read from $incdir/nutmm" >&2; exit 1; }

status=0
extra=$(comm -23 "$tmp/exported" "$tmp/declared")
if [ -n "$extra" ]; then
  echo "exported by $lib but declared in no public header:" >&2
  echo "$extra" | sed 's/^/  /' >&2
  status=1
fi
# A declared function the library lacks is an undefined reference waiting for a
# user.
missing=$(comm -13 "$tmp/exported" "$tmp/declared_lib")
if [ -n "$missing" ]; then
  echo "declared in a public header but not exported by $lib:" >&2
  echo "$missing" | sed 's/^/  /' >&2
  status=1
fi
[ $status -eq 0 ] && echo "$(wc -l < "$tmp/exported") exported symbols, all declared in $incdir/nutmm/*.h"
exit $status
