import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { listAgencies, listServiceTypes } from './db';
import { jsonResponse, problems } from '../openapi';
import { createRouter } from '../validation';
import { AgencySchema, ServiceTypeQuerySchema, ServiceTypeSchema } from '../schemas';

/** Public reference data: agencies and the service types citizens can file under. */
const reference = createRouter();

reference.openapi(
  createRoute({
    method: 'get',
    path: '/agencies',
    tags: ['Reference'],
    summary: 'All agencies.',
    responses: { 200: jsonResponse(z.object({ items: z.array(AgencySchema) }), 'Agencies.') },
  }),
  async (c) => c.json({ items: await listAgencies(c.env.DB) }, 200),
);

reference.openapi(
  createRoute({
    method: 'get',
    path: '/service-types',
    tags: ['Reference'],
    summary: 'Active service types, optionally of one kind.',
    request: { query: ServiceTypeQuerySchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(ServiceTypeSchema) }), 'Service types.'),
      ...problems(422),
    },
  }),
  async (c) => c.json({ items: await listServiceTypes(c.env.DB, c.req.valid('query').kind) }, 200),
);

export default reference;
