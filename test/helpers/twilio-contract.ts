import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { TWILIO_OAI } from './fixtures.js';

/**
 * The Twilio contract: checks requests we send to Twilio and answers Twilio (or our simulator)
 * gives, against Twilio's official OpenAPI documents in test/contract/twilio-oai.
 *
 * Where the documents are loose, the checker says so here rather than switching checks off:
 * - Response objects list no `required` fields, yet Twilio always returns every documented
 *   field (null when empty) and nothing else. A resource and its list envelope are therefore
 *   checked as closed: every documented property present, no undocumented one.
 * - The documents describe error bodies once (UpdateCallRecording's 408); that schema is used
 *   for every 4xx/5xx answer, closed, with `status` equal to the HTTP status.
 * - In the 2010 API, `*_uri` fields marked `format: uri` hold paths relative to
 *   https://api.twilio.com (the descriptions and the document's own examples say so).
 * - The `DateSent` filters are marked `date-time`, but the document's examples (and Twilio's
 *   reference) use dates such as `2008-01-02`; both are accepted.
 * - `x-twilio.ignoreFormat` (MediaUrl) means Twilio does not check that format: neither do we.
 * - CreateMessage's "one of From/MessagingServiceSid, one of Body/MediaUrl/ContentSid" cannot be
 *   written in the document; it comes from Twilio's API reference .
 */

type Schema = Record<string, any>;
type Doc = { name: string; prefix: string; paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };
type Operation = { doc: Doc; template: string; op: Schema; pathParams: Record<string, string> };

export type TwilioRequest = { method: string; path: string; form?: URLSearchParams; query?: URLSearchParams; json?: unknown };
export type TwilioResponse = { method: string; path: string; status: number; body: unknown };

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const DOC_FILES = [
  { file: 'twilio_api_v2010.json', prefix: '/2010-04-01/' },
  { file: 'twilio_content_v1.json', prefix: '/v1/Content' },
  { file: 'twilio_messaging_v1.json', prefix: '/v1/' },
];

let loaded: Doc[] | null = null;
const docs = (): Doc[] =>
  (loaded ??= DOC_FILES.map(({ file, prefix }) => ({ name: file, prefix, ...JSON.parse(readFileSync(TWILIO_OAI(file), 'utf8')) })));

const ajv = addFormats(new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }));
const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const RFC_2822 = new RegExp(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (${MONTHS}) \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}$`);
ajv.addFormat('date-time-rfc-2822', (v: string) => RFC_2822.test(v) && new Date(v).toUTCString().slice(0, 3) === v.slice(0, 3));
// E.164, a channel address (whatsapp:+E.164), a short code or an alphanumeric sender id.
ajv.addFormat('phone-number', /^(\+[1-9]\d{1,14}|[a-z]+:\+?[\w.@-]+|\d{3,8}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$/);
ajv.addFormat('currency', /^[A-Za-z]{3}$/);
ajv.addFormat('iso-country-code', /^[A-Z]{2}$/);
ajv.addFormat('http-method', /^(GET|POST|PUT|PATCH|DELETE|HEAD)$/);
ajv.addFormat('query-date-time', (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) || !Number.isNaN(Date.parse(v)));
// Formats the documents use only on operations Switchboard never calls; accepted as they come.
for (const name of ['endpoint', 'twiml', 'ice-server', 'phone-number-capabilities']) ajv.addFormat(name, true);

const DROP = new Set(['description', 'example', 'examples', 'x-twilio', 'title', 'externalDocs', 'deprecated', 'readOnly', 'writeOnly', 'xml', 'discriminator', 'nullable']);

/** OpenAPI 3.0 schema → JSON Schema: nullable becomes a null type, $refs become definitions, formats per the notes above. */
function toJsonSchema(doc: Doc, schema: Schema, defs: Record<string, Schema>, propName?: string): Schema {
  if (schema.$ref) {
    const name = String(schema.$ref).replace('#/components/schemas/', '');
    if (!(name in defs)) {
      defs[name] = {};
      Object.assign(defs[name], toJsonSchema(doc, doc.components.schemas[name], defs));
    }
    return { $ref: `#/definitions/${name}` };
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROP.has(key)) continue;
    if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(doc, v, defs, k)]));
    else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) out[key] = toJsonSchema(doc, value, defs);
    else if (key === 'allOf' || key === 'oneOf' || key === 'anyOf') out[key] = (value as Schema[]).map((s) => toJsonSchema(doc, s, defs));
    else if (key === 'format') Object.assign(out, formatRule(doc, schema, propName));
    else out[key] = value;
  }
  if (schema.nullable) {
    if (out.type) out.type = [out.type, 'null'];
    if (out.enum) out.enum = [...out.enum, null];
  }
  return out;
}

function formatRule(doc: Doc, schema: Schema, propName?: string): Schema {
  const format: string = schema.format;
  if (schema['x-twilio']?.ignoreFormat) return {};
  if (format === 'uri-map') return { additionalProperties: { type: 'string' } };
  if (format === 'int32' || format === 'int64') return {};
  if (format === 'uri' && doc.prefix === '/2010-04-01/' && propName && /(^|_)uri$/.test(propName)) return { format: 'uri-reference' };
  return schema.type === 'string' || !schema.type ? { format } : {};
}

/** Every documented property present, none other: how Twilio answers (see the notes above). */
function closed(schema: Schema): void {
  if (schema.type !== 'object' && !(Array.isArray(schema.type) && schema.type.includes('object'))) return;
  if (!schema.properties) return;
  schema.required = Object.keys(schema.properties);
  schema.additionalProperties = false;
}

function closeResource(root: Schema): void {
  const target = (s: Schema | undefined) => (s?.$ref ? root.definitions[s.$ref.replace('#/definitions/', '')] : s);
  const top = target(root);
  if (!top) return;
  closed(top);
  for (const prop of Object.values<Schema>(top.properties ?? {})) {
    if (prop.type === 'array') closed(target(prop.items) ?? {});
    else if (prop.properties) closed(prop);
  }
}

const compiled = new Map<string, ValidateFunction>();
function compile(key: string, build: () => Schema): ValidateFunction {
  let fn = compiled.get(key);
  if (!fn) compiled.set(key, (fn = ajv.compile(build())));
  return fn;
}

function schemaFor(doc: Doc, schema: Schema, closeIt: boolean): Schema {
  const defs: Record<string, Schema> = {};
  const root: Schema = { ...toJsonSchema(doc, schema, defs), definitions: defs };
  if (closeIt) closeResource(root);
  return root;
}

function describeErrors(where: string, fn: ValidateFunction): string[] {
  return (fn.errors ?? []).map((e) => `${where}${e.instancePath || ''} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`);
}

/** Splits off a base URL (https://api.twilio.com, …/simulator/twilio) and the query string. */
function splitPath(raw: string): { path: string; query: URLSearchParams } {
  const url = new URL(raw, 'http://base.invalid');
  const at = url.pathname.search(/\/(2010-04-01|v1)\//);
  return { path: at >= 0 ? url.pathname.slice(at) : url.pathname, query: url.searchParams };
}

function findOperation(method: string, path: string): Operation | string {
  const candidates: Operation[] = [];
  for (const doc of docs()) {
    if (!path.startsWith(doc.prefix)) continue;
    for (const [template, item] of Object.entries(doc.paths)) {
      const names: string[] = [];
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, n) => (names.push(n), '([^/]+)'));
      const match = new RegExp(`^${pattern}$`).exec(path);
      const op = item[method.toLowerCase()];
      if (match && op) candidates.push({ doc, template, op, pathParams: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])])) });
    }
    if (candidates.length) break;
  }
  if (!candidates.length) return `${method} ${path}: no such operation in Twilio's OpenAPI documents`;
  // The most literal template wins (…/Messages/Feedback.json over …/Messages/{Sid}.json).
  return candidates.sort((a, b) => Object.keys(a.pathParams).length - Object.keys(b.pathParams).length)[0];
}

/** A form or query value as the schema's type: Twilio's forms carry everything as text. */
function coerce(schema: Schema, value: string): unknown {
  const type = schema.type;
  if (type === 'integer' && /^-?\d+$/.test(value)) return Number(value);
  if (type === 'number' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function checkParams(op: Operation, where: string, params: URLSearchParams, properties: Record<string, Schema>, required: string[]): string[] {
  const errors: string[] = [];
  const values: Record<string, unknown> = {};
  for (const name of new Set(params.keys())) {
    const schema = properties[name];
    const all = params.getAll(name);
    if (!schema) {
      errors.push(`${where} has unknown parameter ${name}`);
      continue;
    }
    const resolved = schema.$ref ? op.doc.components.schemas[String(schema.$ref).replace('#/components/schemas/', '')] : schema;
    if (resolved.type === 'array') values[name] = all.map((v) => coerce(resolved.items ?? {}, v));
    else if (all.length > 1) errors.push(`${where} repeats ${name}, which takes one value`);
    else values[name] = coerce(resolved, all[0]);
  }
  for (const name of required) if (!params.has(name)) errors.push(`${where} is missing required parameter ${name}`);
  const fn = compile(`${op.doc.name} ${op.template} ${op.op.operationId} ${where}`, () =>
    schemaFor(op.doc, { type: 'object', properties }, false),
  );
  if (!fn(values)) errors.push(...describeErrors(where, fn));
  return errors;
}

/** Checks a request we are about to send (or a simulator receives) against Twilio's documents. Empty: it conforms. */
export function validateTwilioRequest(request: TwilioRequest): string[] {
  const { path, query: inlineQuery } = splitPath(request.path);
  const op = findOperation(request.method.toUpperCase(), path);
  if (typeof op === 'string') return [op];
  const label = `${request.method.toUpperCase()} ${op.template}`;
  const errors: string[] = [];
  const parameters: Schema[] = op.op.parameters ?? [];
  for (const p of parameters.filter((x) => x.in === 'path')) {
    const fn = compile(`${op.doc.name} path ${p.name} ${JSON.stringify(p.schema)}`, () => schemaFor(op.doc, p.schema, false));
    if (!fn(op.pathParams[p.name])) errors.push(...describeErrors(`${label} path parameter ${p.name}`, fn));
  }
  const queryParams = parameters.filter((x) => x.in === 'query');
  const queryProps = Object.fromEntries(
    queryParams.map((p) => [p.name, p.schema.format === 'date-time' ? { ...p.schema, format: 'query-date-time' } : p.schema]),
  );
  const query = request.query ?? inlineQuery;
  errors.push(...checkParams(op, `${label} query`, query, queryProps, queryParams.filter((p) => p.required).map((p) => p.name)));

  const content = op.op.requestBody?.content ?? {};
  const formSchema = content['application/x-www-form-urlencoded']?.schema;
  const jsonSchema = content['application/json']?.schema;
  if (formSchema) {
    const form = request.form ?? new URLSearchParams();
    errors.push(...checkParams(op, `${label} form`, form, formSchema.properties ?? {}, formSchema.required ?? []));
    if (op.op.operationId === 'CreateMessage') errors.push(...createMessageRules(label, form));
  } else if (jsonSchema) {
    const fn = compile(`${op.doc.name} ${op.template} ${op.op.operationId} json`, () => schemaFor(op.doc, jsonSchema, false));
    if (!fn(request.json)) errors.push(...describeErrors(`${label} body`, fn));
  } else if (request.form && [...request.form.keys()].length) {
    errors.push(`${label} takes no request body`);
  }
  return errors;
}

function createMessageRules(label: string, form: URLSearchParams): string[] {
  const errors: string[] = [];
  if (!form.get('From') && !form.get('MessagingServiceSid')) errors.push(`${label} form needs From or MessagingServiceSid`);
  if (!form.get('Body') && !form.getAll('MediaUrl').length && !form.get('ContentSid')) errors.push(`${label} form needs Body, MediaUrl or ContentSid`);
  const variables = form.get('ContentVariables');
  if (variables !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(variables);
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) errors.push(`${label} form ContentVariables must be a JSON object`);
  }
  return errors;
}

let errorSchema: Schema | null = null;
/** The error body schema the documents give (see the notes at the top). */
function documentedErrorSchema(): Schema {
  if (errorSchema) return errorSchema;
  for (const doc of docs())
    for (const item of Object.values(doc.paths))
      for (const op of Object.values<Schema>(item))
        for (const [code, response] of Object.entries<Schema>(op?.responses ?? {})) {
          const schema = response.content?.['application/json']?.schema;
          if (Number(code) >= 400 && schema?.properties?.more_info) return (errorSchema = schema);
        }
  throw new Error("Twilio's OpenAPI documents no longer describe an error body");
}

/** Checks an answer from Twilio (or the simulator) against Twilio's documents. Empty: it conforms. */
export function validateTwilioResponse(response: TwilioResponse): string[] {
  const { path } = splitPath(response.path);
  const op = findOperation(response.method.toUpperCase(), path);
  if (typeof op === 'string') return [op];
  const label = `${response.method.toUpperCase()} ${op.template} → ${response.status}`;
  if (response.status >= 400) {
    const doc = docs()[0];
    const fn = compile('error body', () => schemaFor(doc, documentedErrorSchema(), true));
    const errors = fn(response.body) ? [] : describeErrors(`${label} error body`, fn);
    const body = response.body as { status?: unknown } | null;
    if (body && typeof body === 'object' && body.status !== response.status) errors.push(`${label} error body says status ${String(body.status)}`);
    return errors;
  }
  const documented = op.op.responses?.[String(response.status)];
  if (!documented) return [`${label}: Twilio documents ${Object.keys(op.op.responses ?? {}).join(', ')} for this operation, not ${response.status}`];
  const schema = documented.content?.['application/json']?.schema;
  if (!schema) return response.body === undefined || response.body === '' || response.body === null ? [] : [`${label} should have no body`];
  const fn = compile(`${op.doc.name} ${op.template} ${response.method} ${response.status}`, () => schemaFor(op.doc, schema, true));
  return fn(response.body) ? [] : describeErrors(`${label} body`, fn);
}

/** The response examples Twilio's documents give for an operation (to prove the checker accepts Twilio itself). */
export function documentedExamples(method: string, template: string, status: number): unknown[] {
  for (const doc of docs()) {
    const op = doc.paths[template]?.[method.toLowerCase()];
    const examples = op?.responses?.[String(status)]?.content?.['application/json']?.examples;
    if (examples) return Object.values<Schema>(examples).map((e) => e.value);
  }
  return [];
}

export type ContractFetch = { fetch: typeof fetch; violations: string[]; checked: number };

/**
 * A fetch that checks every Twilio REST call passing through it (request and JSON answer) and
 * collects violations; pass it to startTestApp({fetch}) and expect `violations` to stay empty.
 * Media downloads (…/Media/ME… without .json, CDN redirects) are not REST calls and pass unchecked.
 */
export function createContractFetch(inner: typeof fetch = fetch): ContractFetch {
  const state: ContractFetch = { violations: [], checked: 0, fetch: inner };
  state.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!/\/(2010-04-01\/.*\.json|v1\/Content)/.test(url.pathname)) return inner(request);
    const text = request.body ? await request.clone().text() : '';
    const isForm = (request.headers.get('content-type') ?? '').includes('x-www-form-urlencoded');
    state.checked += 1;
    state.violations.push(
      ...validateTwilioRequest({
        method: request.method,
        path: url.pathname + url.search,
        form: isForm ? new URLSearchParams(text) : undefined,
        json: !isForm && text ? JSON.parse(text) : undefined,
      }),
    );
    const response = await inner(request);
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      const body = await response.clone().json().catch(() => undefined);
      state.violations.push(...validateTwilioResponse({ method: request.method, path: url.pathname, status: response.status, body }));
    }
    return response;
  };
  return state;
}
