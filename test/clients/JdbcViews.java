// JdbcViews — reads u16's BI views the way Metabase does: through pgjdbc's
// DatabaseMetaData (tables, columns, JDBC types, remarks), then a query per view.
// Prints one "ok - ..." / "not ok - ..." line per check (test/t/clients runs it).
//
// Usage: java -cp /usr/share/java/postgresql.jar JdbcViews.java JDBC_URL view...
import java.sql.*;
import java.util.*;

public class JdbcViews {
    // What a BI tool can filter, sum and chart without knowing u16's types.
    static final Set<Integer> STANDARD = Set.of(Types.BIGINT, Types.NUMERIC, Types.VARCHAR,
                                                Types.DATE, Types.BIT, Types.BOOLEAN);
    static int failures = 0;

    static void check(boolean ok, String what) {
        System.out.println((ok ? "ok - " : "not ok - ") + what);
        if (!ok) failures++;
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0])) {
            DatabaseMetaData md = c.getMetaData();
            for (String view : Arrays.copyOfRange(args, 1, args.length)) {
                try (ResultSet t = md.getTables(null, "u16", view, new String[] {"VIEW"})) {
                    boolean found = t.next();
                    check(found && t.getString("REMARKS") != null && !t.getString("REMARKS").isEmpty(),
                          "JDBC lists view u16." + view + " with a description");
                }
                List<String> bad = new ArrayList<>();
                int columns = 0;
                try (ResultSet col = md.getColumns(null, "u16", view, null)) {
                    while (col.next()) {
                        columns++;
                        String name = col.getString("COLUMN_NAME");
                        String remarks = col.getString("REMARKS");
                        if (!STANDARD.contains(col.getInt("DATA_TYPE")))
                            bad.add(name + " has JDBC type " + col.getString("TYPE_NAME"));
                        if (remarks == null || remarks.isEmpty())
                            bad.add(name + " has no remark");
                    }
                }
                check(columns > 0 && bad.isEmpty(),
                      "u16." + view + ": " + columns + " columns, all standard JDBC types with remarks" +
                      (bad.isEmpty() ? "" : " " + bad));
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT * FROM u16." + view + " ORDER BY 1, 2 LIMIT 20")) {
                    int rows = 0;
                    ResultSetMetaData rmd = r.getMetaData();
                    while (r.next()) {
                        rows++;
                        for (int i = 1; i <= rmd.getColumnCount(); i++) r.getObject(i);
                    }
                    check(rows > 0, "query on u16." + view + " returns rows (" + rows + ")");
                }
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
