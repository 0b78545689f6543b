// What a PostgreSQL schema looks like to Prisma: enums, tables, columns, keys, indexes and foreign keys.
// schema.prisma (expectedShape.ts) and a migrated database (introspectShape.ts) are both described in
// this form, then flattened to one line per fact, so comparing them is a set difference and a failure
// reads like a diff.

export interface EnumShape {
  name: string;
  values: string[];
}

export interface ColumnShape {
  table: string;
  name: string;
  /** As PostgreSQL's format_type prints it (`timestamp(3) without time zone`), or `enum "Name"`. */
  type: string;
  notNull: boolean;
  /** As pg_get_expr prints the column default (`'zh-CN'::text`), or null for none. */
  default: string | null;
}

export interface PrimaryKeyShape {
  table: string;
  name: string;
  columns: string[];
}

export interface IndexShape {
  table: string;
  name: string;
  unique: boolean;
  /** Column names in index order, ` DESC` appended where the order is descending. */
  columns: string[];
}

export type ReferentialAction = 'CASCADE' | 'RESTRICT' | 'SET NULL' | 'SET DEFAULT' | 'NO ACTION';

export interface ForeignKeyShape {
  table: string;
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

/** Unique, check or exclusion constraints: Prisma creates none (uniqueness is an index). */
export interface OtherConstraintShape {
  table: string;
  name: string;
  kind: string;
}

export interface SchemaShape {
  enums: EnumShape[];
  tables: string[];
  columns: ColumnShape[];
  primaryKeys: PrimaryKeyShape[];
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
  otherConstraints: OtherConstraintShape[];
}

const quoted = (name: string) => `"${name}"`;
const columnList = (columns: string[]) =>
  `(${columns.map((column) => column.replace(/^([^ ]+)/, '"$1"')).join(', ')})`;

/** One line per fact, sorted; two schemas are equal exactly when their facts are. */
export function shapeFacts(shape: SchemaShape): string[] {
  const facts = [
    ...shape.enums.map((e) => `enum ${quoted(e.name)} (${e.values.map((v) => `'${v}'`).join(', ')})`),
    ...shape.tables.map((table) => `table ${quoted(table)}`),
    ...shape.columns.map(
      (c) =>
        `column ${quoted(c.table)}.${quoted(c.name)} ${c.type}${c.notNull ? ' NOT NULL' : ' NULL'}` +
        (c.default === null ? '' : ` DEFAULT ${c.default}`),
    ),
    ...shape.primaryKeys.map(
      (pk) => `primary key ${quoted(pk.name)} on ${quoted(pk.table)} ${columnList(pk.columns)}`,
    ),
    ...shape.indexes.map(
      (index) =>
        `${index.unique ? 'unique index' : 'index'} ${quoted(index.name)} on ${quoted(index.table)} ${columnList(index.columns)}`,
    ),
    ...shape.foreignKeys.map(
      (fk) =>
        `foreign key ${quoted(fk.name)} on ${quoted(fk.table)} ${columnList(fk.columns)} references ` +
        `${quoted(fk.referencedTable)} ${columnList(fk.referencedColumns)} ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`,
    ),
    ...shape.otherConstraints.map((c) => `${c.kind} constraint ${quoted(c.name)} on ${quoted(c.table)}`),
  ];
  return facts.sort();
}

export interface ShapeDifference {
  /** Facts schema.prisma states that the database lacks. */
  missingFromDatabase: string[];
  /** Facts of the database that schema.prisma does not state. */
  notInSchema: string[];
}

export function compareShapes(expected: SchemaShape, actual: SchemaShape): ShapeDifference {
  const expectedFacts = shapeFacts(expected);
  const actualFacts = shapeFacts(actual);
  const actualSet = new Set(actualFacts);
  const expectedSet = new Set(expectedFacts);
  return {
    missingFromDatabase: expectedFacts.filter((fact) => !actualSet.has(fact)),
    notInSchema: actualFacts.filter((fact) => !expectedSet.has(fact)),
  };
}
