#!/bin/sh
# valgrind memcheck over every command of the command line, successes and
# failures, on John's record. Any memory error or definite leak fails; only
# definite leaks count, so memory libraries keep reachable for the process's
# life (GLib's type system, libxml2's globals) needs no suppression.
# Usage: valgrind-cli.sh IPS-CASELOAD JOHN.XML   (TAP on stdout)
set -u
exe=$1
example=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1

# GLib's slice allocator would hide frees from memcheck.
G_SLICE=always-malloc
G_DEBUG=fatal-warnings,gc-friendly
export G_SLICE G_DEBUG

n=0
failed=0
# run DESCRIPTION ok|fail ARGS...
run () {
  n=$((n + 1))
  description=$1
  expect=$2
  shift 2
  valgrind -q --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
    --error-exitcode=99 --num-callers=30 "$exe" "$@" >out 2>&1
  rc=$?
  if [ $rc -eq 99 ] || { [ "$expect" = ok ] && [ $rc -ne 0 ]; } ||
     { [ "$expect" = fail ] && [ $rc -eq 0 ]; }; then
    echo "not ok $n - $description (exit $rc)"
    sed 's/^/# /' out
    failed=1
  else
    echo "ok $n - $description"
  fi
}

echo "1..10"
run "new" ok new -o empty.ipsclient
run "import" ok import "$example" -o client.ipsclient
run "export xml with history" ok export --format=xml --with-history client.ipsclient -o client.xml
run "export odt" ok export --format=odt client.ipsclient -o client.odt
run "export one form as odt" ok export --format=odt --form=referral client.ipsclient -o referral.odt
run "check" ok check client.ipsclient
run "report" ok report .
run "import over a client (refused)" fail import "$example" -o client.ipsclient
run "import of no file (refused)" fail import missing.xml -o other.ipsclient
run "export of a file that is no client file (refused)" fail export --format=odt client.xml -o bad.odt
exit $failed
