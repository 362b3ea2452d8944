#!/bin/sh
# Runs the unit and integration projects at the instants where dates go wrong (issue 8): the last
# half hour of the year in Baku, just after midnight UTC on 1 January, and the nights the clocks
# change in Europe, with the machine's time zone set to Europe/London; then once more with
# America/New_York. The suite's clock (tests/helpers/clock.ts) reads DATELINE_TEST_NOW.
#
#   npm run test:any-day                    both projects, every instant
#   npm run test:any-day -- tests/sitemaps.test.ts    only some files (passed on to vitest)
#   ANY_DAY_PROJECTS="--project unit" npm run test:any-day
#   DATELINE_TEST_DIALECTS=sqlite npm run test:any-day      the SQLite half only (quicker)
set -u

projects="${ANY_DAY_PROJECTS:---project unit --project integration}"
failed=""

run() {
  tz="$1"
  now="$2"
  shift 2
  echo "=== DATELINE_TEST_NOW=$now TZ=$tz"
  # shellcheck disable=SC2086 # $projects is a list of options
  if ! TZ="$tz" DATELINE_TEST_NOW="$now" npx vitest run $projects "$@"; then
    failed="$failed\n  TZ=$tz DATELINE_TEST_NOW=$now"
  fi
}

for now in 2026-12-31T19:30:00Z 2027-01-01T00:30:00Z 2027-03-28T00:30:00Z 2027-10-31T00:30:00Z; do
  run Europe/London "$now" "$@"
done
run America/New_York 2027-03-14T06:30:00Z "$@"

if [ -n "$failed" ]; then
  printf "Failed at:%b\n" "$failed"
  exit 1
fi
echo "Passed at every instant."
