# reapply.awk — prints the statements of install-script parts (src/sql/NN_*.sql)
# that an update script re-applies: the code, as opposed to the state.
#
#   code:  CREATE FUNCTION / AGGREGATE / VIEW / TRIGGER (printed as CREATE OR
#          REPLACE ...), COMMENT ON ..., and DO blocks (which must therefore be
#          safe to run again);
#   state: everything else (types, domains, operators, tables, indexes, seed
#          rows, pg_extension_config_dump): created once by the install
#          script; changes to it are written by hand in src/sql/updates/.
#
# Statements end with ';' at the end of a line (before any -- comment) outside
# a $$-quoted body;
# comment lines between statements and psql meta-commands are skipped.
# Used by src/sql/update-script; see docs/development.md.

function flush(    head) {
	if (stmt == "")
		return
	head = stmt
	sub(/^[ \t]+/, "", head)
	if (head ~ /^CREATE (FUNCTION|AGGREGATE|VIEW|TRIGGER)[ \t\n]/) {
		sub(/^CREATE /, "CREATE OR REPLACE ", stmt)
		print stmt "\n"
	} else if (head ~ /^(COMMENT ON|DO)[ \t\n$]/) {
		print stmt "\n"
	}
	stmt = ""
}

FNR == 1 { flush(); quoted = 0 }

{
	if (stmt == "" && ($0 ~ /^[ \t]*(--.*)?$/ || $0 ~ /^\\/))
		next
	stmt = (stmt == "") ? $0 : stmt "\n" $0
	# Each $$ opens or closes a quoted body.
	n = gsub(/\$\$/, "&", $0)
	if (n % 2 == 1)
		quoted = !quoted
	code = $0
	sub(/--.*$/, "", code)
	if (!quoted && code ~ /;[ \t]*$/)
		flush()
}

END {
	flush()
}
