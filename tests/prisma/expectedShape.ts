// The PostgreSQL schema that `prisma migrate` derives from schema.prisma, computed from the schema's
// DMMF with the rules of Prisma's schema engine (sql-schema-connector, Postgres flavour): type mapping,
// database defaults, constraint naming with the 63-byte identifier limit, and referential actions.
// Anything this file has no rule for throws, so a new kind of field cannot slip through unchecked.
import fs from 'node:fs';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import type {
  ColumnShape,
  EnumShape,
  ForeignKeyShape,
  IndexShape,
  PrimaryKeyShape,
  ReferentialAction,
  SchemaShape,
} from './schemaShape';

// The parts of Prisma's DMMF this comparison reads.
export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
}

export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null }[];
}

export interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
  algorithm?: string;
}

export interface DmmfDatamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
}

export function readDatamodel(schemaPath: string): DmmfDatamodel {
  const prismaSchema = fs.readFileSync(schemaPath, 'utf8');
  return (JSON.parse(get_dmmf(JSON.stringify({ prismaSchema }))) as { datamodel: DmmfDatamodel }).datamodel;
}

/** PostgreSQL's NAMEDATALEN - 1: the schema engine shortens longer generated names. */
const MAX_IDENTIFIER_LENGTH = 63;

/**
 * A generated constraint name: `<base><suffix>`, the base cut so the whole fits in 63 bytes
 * (ConstraintNames in psl-core cuts when base + suffix would reach the limit).
 */
export function constraintName(base: string, suffix: '_pkey' | '_key' | '_idx' | '_fkey'): string {
  const room = MAX_IDENTIFIER_LENGTH - suffix.length;
  let cut = base;
  // Cut on a character boundary, as floor_char_boundary does.
  while (Buffer.byteLength(cut) > room) cut = cut.slice(0, -1);
  return cut + suffix;
}

const tableName = (model: DmmfModel) => model.dbName ?? model.name;
const columnName = (field: DmmfField) => field.dbName ?? field.name;
const enumName = (e: DmmfEnum) => e.dbName ?? e.name;

/** How pg_catalog prints an identifier inside an expression: bare only when lower-case and simple. */
function quoteIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

const sqlString = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The column type as format_type prints it (String → TEXT → `text`, DateTime → TIMESTAMP(3), ...). */
export function columnType(field: DmmfField, enums: DmmfEnum[]): string {
  const list = field.isList ? '[]' : '';
  if (field.kind === 'enum') {
    const e = enums.find((candidate) => candidate.name === field.type);
    if (!e) throw new Error(`Field ${field.name} uses unknown enum ${field.type}`);
    return `enum "${enumName(e)}"${list}`;
  }
  if (field.nativeType) {
    const [nativeName, args] = field.nativeType;
    if (nativeName === 'Decimal') return `numeric(${args.join(',')})${list}`;
    throw new Error(`No rule for native type @db.${nativeName} on field ${field.name}`);
  }
  const byScalar: Record<string, string> = {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Float: 'double precision',
    Boolean: 'boolean',
    DateTime: 'timestamp(3) without time zone',
    Json: 'jsonb',
    Decimal: 'numeric(65,30)',
    Bytes: 'bytea',
  };
  const type = byScalar[field.type];
  if (!type) throw new Error(`No rule for scalar type ${field.type} on field ${field.name}`);
  return type + list;
}

/**
 * The column default as pg_get_expr prints it, or null where Prisma sets none in the database:
 * uuid()/cuid()/nanoid() and @updatedAt are filled in by the client, autoincrement() is a sequence.
 */
export function columnDefault(field: DmmfField, table: string, enums: DmmfEnum[]): string | null {
  if (!field.hasDefaultValue || field.default === undefined) return null;
  const value = field.default;
  if (typeof value === 'object' && value !== null && 'name' in value) {
    const fn = (value as { name: string }).name;
    if (fn === 'now') return 'CURRENT_TIMESTAMP';
    if (fn === 'uuid' || fn === 'cuid' || fn === 'nanoid' || fn === 'ulid') return null;
    if (fn === 'autoincrement')
      return `nextval('${quoteIdentifier(`${table}_${columnName(field)}_seq`)}'::regclass)`;
    throw new Error(`No rule for @default(${fn}()) on field ${field.name}`);
  }
  if (field.isList) throw new Error(`No rule for a list default on field ${field.name}`);
  if (field.kind === 'enum') {
    const e = enums.find((candidate) => candidate.name === field.type)!;
    const member = e.values.find((v) => v.name === value);
    return `${sqlString(member?.dbName ?? String(value))}::${quoteIdentifier(enumName(e))}`;
  }
  switch (field.type) {
    case 'String':
      return `${sqlString(String(value))}::text`;
    case 'Json':
      return `${sqlString(String(value))}::jsonb`;
    case 'Boolean':
      return String(value);
    case 'Int':
      // PostgreSQL prints a negative literal as a quoted constant with a cast.
      return Number(value) < 0 ? `'${String(value)}'::integer` : String(value);
    default:
      throw new Error(`No rule for a literal @default on ${field.type} field ${field.name}`);
  }
}

/**
 * Without onDelete, a relation whose foreign key is optional sets it to NULL and a required one
 * restricts the delete; without onUpdate, updates cascade (Prisma's defaults on PostgreSQL).
 */
export function referentialActions(
  relation: DmmfField,
  foreignKeyFields: DmmfField[],
): { onDelete: ReferentialAction; onUpdate: ReferentialAction } {
  const sql: Record<string, ReferentialAction> = {
    Cascade: 'CASCADE',
    Restrict: 'RESTRICT',
    SetNull: 'SET NULL',
    SetDefault: 'SET DEFAULT',
    NoAction: 'NO ACTION',
  };
  const onDelete =
    relation.relationOnDelete ?? (foreignKeyFields.some((f) => !f.isRequired) ? 'SetNull' : 'Restrict');
  const onUpdate = relation.relationOnUpdate ?? 'Cascade';
  if (!sql[onDelete] || !sql[onUpdate])
    throw new Error(`Unknown referential action on relation ${relation.name}`);
  return { onDelete: sql[onDelete], onUpdate: sql[onUpdate] };
}

function modelShape(model: DmmfModel, datamodel: DmmfDatamodel) {
  const table = tableName(model);
  const fieldByName = new Map(model.fields.map((f) => [f.name, f]));
  const column = (fieldName: string) => columnName(fieldByName.get(fieldName)!);

  const columns: ColumnShape[] = model.fields
    .filter((f) => f.kind === 'scalar' || f.kind === 'enum')
    .map((f) => ({
      table,
      name: columnName(f),
      type: columnType(f, datamodel.enums),
      notNull: f.isRequired,
      default: columnDefault(f, table, datamodel.enums),
    }));
  if (model.fields.some((f) => f.kind === 'unsupported'))
    throw new Error(`No rule for Unsupported fields in ${model.name}`);

  const idFields = model.primaryKey?.fields ?? model.fields.filter((f) => f.isId).map((f) => f.name);
  if (idFields.length === 0) throw new Error(`Model ${model.name} has no id; this comparison expects one`);
  const primaryKey: PrimaryKeyShape = {
    table,
    name: model.primaryKey?.name ?? constraintName(table, '_pkey'),
    columns: idFields.map(column),
  };

  const indexes: IndexShape[] = datamodel.indexes
    .filter((index) => index.model === model.name && index.type !== 'id')
    .map((index) => {
      if (index.type === 'fulltext') throw new Error(`No rule for @@fulltext on ${model.name}`);
      const columnNames = index.fields.map((f) => column(f.name));
      return {
        table,
        name:
          index.dbName ??
          constraintName(`${table}_${columnNames.join('_')}`, index.type === 'unique' ? '_key' : '_idx'),
        unique: index.type === 'unique',
        columns: index.fields.map((f) => column(f.name) + (f.sortOrder === 'desc' ? ' DESC' : '')),
      };
    });

  const foreignKeys: ForeignKeyShape[] = model.fields
    .filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0)
    .map((relation) => {
      const referencedModel = datamodel.models.find((m) => m.name === relation.type)!;
      const referencedField = (name: string) =>
        columnName(referencedModel.fields.find((f) => f.name === name)!);
      const keyFields = relation.relationFromFields!.map((name) => fieldByName.get(name)!);
      const columnNames = keyFields.map(columnName);
      return {
        table,
        name: constraintName(`${table}_${columnNames.join('_')}`, '_fkey'),
        columns: columnNames,
        referencedTable: tableName(referencedModel),
        referencedColumns: relation.relationToFields!.map(referencedField),
        ...referentialActions(relation, keyFields),
      };
    });

  return { table, columns, primaryKey, indexes, foreignKeys };
}

/** Implicit many-to-many relations get a join table `_AToB`; this schema has none, so none is modelled. */
function assertNoImplicitManyToMany(datamodel: DmmfDatamodel): void {
  for (const model of datamodel.models) {
    for (const field of model.fields) {
      if (field.kind !== 'object' || !field.isList) continue;
      const other = datamodel.models.find((m) => m.name === field.type)!;
      const back = other.fields.filter((f) => f.kind === 'object' && f.type === model.name);
      if (back.length > 0 && back.every((f) => f.isList)) {
        throw new Error(`No rule for the implicit many-to-many relation ${model.name}.${field.name}`);
      }
    }
  }
}

export function expectedShape(datamodel: DmmfDatamodel): SchemaShape {
  assertNoImplicitManyToMany(datamodel);
  const models = datamodel.models.map((model) => modelShape(model, datamodel));
  const enums: EnumShape[] = datamodel.enums.map((e) => ({
    name: enumName(e),
    values: e.values.map((v) => v.dbName ?? v.name),
  }));
  return {
    enums,
    tables: models.map((m) => m.table),
    columns: models.flatMap((m) => m.columns),
    primaryKeys: models.map((m) => m.primaryKey),
    indexes: models.flatMap((m) => m.indexes),
    foreignKeys: models.flatMap((m) => m.foreignKeys),
    otherConstraints: [],
  };
}
