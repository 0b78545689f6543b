// Reads the shape of a live PostgreSQL schema from pg_catalog, in the form expectedShape.ts computes
// from schema.prisma. The migrations bookkeeping table `_prisma_migrations` is left out: it belongs
// to the migration tool, not to the data model.
import type { Client } from 'pg';
import type { ReferentialAction, SchemaShape } from './schemaShape';

const MIGRATIONS_TABLE = '_prisma_migrations';

// pg_constraint.confdeltype / confupdtype codes.
const ACTIONS: Record<string, ReferentialAction> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

// pg_constraint.contype codes other than p (primary key), f (foreign key) and, on PostgreSQL 18,
// n (NOT NULL, which the columns already show).
const OTHER_CONSTRAINT_KINDS: Record<string, string> = {
  u: 'unique',
  c: 'check',
  x: 'exclusion',
  t: 'trigger',
};

export async function introspectShape(client: Client, schema = 'public'): Promise<SchemaShape> {
  const enums = await client.query<{ name: string; values: string[] }>(
    `SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
       FROM pg_type t
       JOIN pg_namespace n ON n.oid = t.typnamespace
       JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE n.nspname = $1
      GROUP BY t.typname`,
    [schema],
  );

  const tables = await client.query<{ name: string; kind: string }>(
    `SELECT c.relname::text AS name, c.relkind::text AS kind
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname <> $2`,
    [schema, MIGRATIONS_TABLE],
  );

  const columns = await client.query<{
    table: string;
    name: string;
    type: string;
    not_null: boolean;
    default: string | null;
  }>(
    `SELECT c.relname::text AS table,
            a.attname::text AS name,
            CASE WHEN t.typtype = 'e' THEN 'enum "' || t.typname || '"'
                 WHEN et.typtype = 'e' THEN 'enum "' || et.typname || '"[]'
                 ELSE format_type(a.atttypid, a.atttypmod) END
              || CASE WHEN a.attidentity <> '' THEN ' IDENTITY' ELSE '' END
              || CASE WHEN a.attgenerated <> '' THEN ' GENERATED' ELSE '' END AS type,
            a.attnotnull AS not_null,
            pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> $2
        AND a.attnum > 0 AND NOT a.attisdropped`,
    [schema, MIGRATIONS_TABLE],
  );

  const constraints = await client.query<{
    table: string;
    name: string;
    kind: string;
    columns: string[];
    referenced_table: string | null;
    referenced_columns: string[] | null;
    on_delete: string;
    on_update: string;
  }>(
    `SELECT c.relname::text AS table,
            con.conname::text AS name,
            con.contype::text AS kind,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            rc.relname::text AS referenced_table,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS referenced_columns,
            con.confdeltype::text AS on_delete,
            con.confupdtype::text AS on_update
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class rc ON rc.oid = con.confrelid
      WHERE n.nspname = $1 AND c.relname <> $2 AND con.contype <> 'n'`,
    [schema, MIGRATIONS_TABLE],
  );

  // Every index but the primary key's; expression and partial indexes are marked so they never match.
  const indexes = await client.query<{
    table: string;
    name: string;
    unique: boolean;
    columns: string[];
    method: string;
    partial: boolean;
  }>(
    `SELECT c.relname::text AS table,
            i.relname::text AS name,
            x.indisunique AS unique,
            ARRAY(SELECT COALESCE(a.attname::text, '<expression>')
                         || CASE WHEN pg_index_column_has_property(x.indexrelid, k.ord::int, 'desc') THEN ' DESC' ELSE '' END
                    FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                   ORDER BY k.ord) AS columns,
            am.amname::text AS method,
            x.indpred IS NOT NULL AS partial
       FROM pg_index x
       JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_am am ON am.oid = i.relam
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname <> $2 AND NOT x.indisprimary`,
    [schema, MIGRATIONS_TABLE],
  );

  return {
    enums: enums.rows.map((row) => ({ name: row.name, values: row.values })),
    tables: tables.rows.map((row) => (row.kind === 'r' ? row.name : `${row.name} (relkind ${row.kind})`)),
    columns: columns.rows.map((row) => ({
      table: row.table,
      name: row.name,
      type: row.type,
      notNull: row.not_null,
      default: row.default,
    })),
    primaryKeys: constraints.rows
      .filter((row) => row.kind === 'p')
      .map((row) => ({ table: row.table, name: row.name, columns: row.columns })),
    indexes: indexes.rows.map((row) => ({
      table: row.table,
      // Prisma builds B-tree indexes over plain columns; anything else is named so it cannot match.
      name:
        row.name + (row.method === 'btree' ? '' : ` USING ${row.method}`) + (row.partial ? ' (partial)' : ''),
      unique: row.unique,
      columns: row.columns,
    })),
    foreignKeys: constraints.rows
      .filter((row) => row.kind === 'f')
      .map((row) => ({
        table: row.table,
        name: row.name,
        columns: row.columns,
        referencedTable: row.referenced_table!,
        referencedColumns: row.referenced_columns!,
        onDelete: ACTIONS[row.on_delete],
        onUpdate: ACTIONS[row.on_update],
      })),
    otherConstraints: constraints.rows
      .filter((row) => row.kind !== 'p' && row.kind !== 'f')
      .map((row) => ({
        table: row.table,
        name: row.name,
        kind: OTHER_CONSTRAINT_KINDS[row.kind] ?? row.kind,
      })),
  };
}
