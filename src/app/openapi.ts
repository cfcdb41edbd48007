/**
 * The API's routes, each declared once: Fastify registers it (with its JSON schemas, which it checks) and the same
 * declaration becomes its entry in the OpenAPI 3 document served at /api/openapi.json.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TOOL_VERSION } from '../tool.js';
import { LOCAL_GUARD, type Access, type RouteGuard } from './access.js';

type Schema = Record<string, unknown>;

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify's form: /api/cases/:id */
  url: string;
  summary: string;
  tag: string;
  body?: Schema;
  /** A raw body of this media type instead of JSON (an uploaded package). */
  rawBody?: string;
  query?: Schema;
  /** Status → what it returns: a JSON schema, or a media type for a file. */
  responses: Record<number, { description: string; schema?: Schema; media?: string }>;
  bodyLimit?: number;
  /** Who may call it (see access.ts); 'view' with no target when not given. */
  access?: Access;
}

export const ERROR_SCHEMA: Schema = {
  type: 'object', required: ['code', 'zh', 'en'],
  properties: { code: { type: 'string' }, zh: { type: 'string' }, en: { type: 'string' }, detail: { type: 'string' } },
};

export const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', properties, ...(required.length ? { required } : {}) });
export const str: Schema = { type: 'string' };
export const num: Schema = { type: 'number' };
export const bool: Schema = { type: 'boolean' };
export const arr = (items: Schema): Schema => ({ type: 'array', items });
export const any: Schema = {};

export class Api {
  readonly specs: RouteSpec[] = [];

  constructor(private readonly app: FastifyInstance, private readonly guard: RouteGuard = LOCAL_GUARD) {}

  route(spec: RouteSpec, handler: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>): void {
    const access = spec.access ?? { need: 'view' };
    if (this.guard.skip(access)) return;
    this.specs.push(spec);
    const guard = this.guard;
    this.app.route({
      method: spec.method, url: spec.url,
      handler: async (req, reply) => {
        await guard.check(req, access);
        return guard.around(req, () => handler(req, reply));
      },
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      schema: { ...(spec.body ? { body: spec.body } : {}), ...(spec.query ? { querystring: spec.query } : {}) },
    });
  }

  document(): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const s of this.specs) {
      const path = s.url.replace(/:([A-Za-z]+)/g, '{$1}').replace(/\*$/, '{path}');
      const params = [...s.url.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
      const query = Object.entries((s.query?.properties ?? {}) as Record<string, Schema>).map(([name, schema]) => ({ name, in: 'query', required: false, schema }));
      const responses: Record<string, unknown> = {};
      for (const [status, r] of Object.entries(s.responses)) {
        responses[status] = { description: r.description, ...(r.schema ? { content: { 'application/json': { schema: r.schema } } } : r.media ? { content: { [r.media]: { schema: { type: 'string', format: 'binary' } } } } : {}) };
      }
      responses.default = { description: '错误 / error: {code, zh, en}', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
      (paths[path] ??= {})[s.method.toLowerCase()] = {
        summary: s.summary, tags: [s.tag], operationId: `${s.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
        ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
        ...(s.body ? { requestBody: { required: true, content: { 'application/json': { schema: s.body } } } } : {}),
        ...(s.rawBody ? { requestBody: { required: true, content: { [s.rawBody]: { schema: { type: 'string', format: 'binary' } } } } } : {}),
        responses,
      };
    }
    return {
      openapi: '3.0.3',
      info: { title: 'guzheng (固证) API', version: TOOL_VERSION, description: '本地应用和见证服务器的接口 / the API of the local app and the witness server. 本工具不构成法律意见。/ Not legal advice.' },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: { cookie: { type: 'apiKey', in: 'cookie', name: 'guzheng_session' }, bearer: { type: 'http', scheme: 'bearer' } },
        schemas: { Error: ERROR_SCHEMA },
      },
      security: [{ cookie: [] }, { bearer: [] }],
      paths,
    };
  }
}
