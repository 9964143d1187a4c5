# test/lib/assert.sh — tiny helpers for test/t scripts: one line per check,
# "ok - what" or "not ok - what", counted by test/run.

U16_FAILURES=0

# check "what" expected actual
check() {
	if [ "$2" == "$3" ]; then
		echo "ok - $1"
	else
		echo "not ok - $1"
		diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | sed 's/^/#   /'
		U16_FAILURES=$((U16_FAILURES + 1))
	fi
}

# fresh_db NAME: a new database with u16 created in it.
fresh_db() {
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
	psql -X -q -d "$1" -c 'CREATE EXTENSION u16' >/dev/null
}

finish() {
	[ "$U16_FAILURES" -eq 0 ]
}
