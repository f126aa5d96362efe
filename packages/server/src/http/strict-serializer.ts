/**
 * The response serializer of fastify-type-provider-zod strips a field its schema does not describe,
 * silently. This one refuses such an answer instead, naming the fields: the tests build the app with
 * it (`strictResponses`), so a route that answers more than its contract (packages/contract) says
 * fails there rather than drifting unnoticed.
 */
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { serializerCompiler } from 'fastify-type-provider-zod';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths present in `sent` and missing from `kept` (what the schema dropped). */
export function droppedFields(sent: Json, kept: Json, path = ''): string[] {
  if (Array.isArray(sent)) {
    if (!Array.isArray(kept)) return [];
    return sent.flatMap((v, i) => (i < kept.length ? droppedFields(v, kept[i] as Json, `${path}[${i}]`) : []));
  }
  if (sent === null || typeof sent !== 'object' || kept === null || typeof kept !== 'object' || Array.isArray(kept)) return [];
  return Object.entries(sent).flatMap(([key, value]) => {
    const at = path ? `${path}.${key}` : key;
    return key in kept ? droppedFields(value, kept[key] as Json, at) : [at];
  });
}

const plain = (v: unknown): Json => (v === undefined ? null : (JSON.parse(JSON.stringify(v)) as Json));

export const strictSerializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const serialize = (serializerCompiler as FastifySerializerCompiler<unknown>)(route);
  return (data) => {
    const text = serialize(data);
    const dropped = droppedFields(plain(data), JSON.parse(text) as Json);
    if (dropped.length > 0) throw new Error(`${route.method} ${route.url}: the response schema does not describe ${dropped.join(', ')}`);
    return text;
  };
};
