import type { OpenAPIHono } from '@hono/zod-openapi';
import { html, raw } from 'hono/html';
import type { AppEnv } from './env';

type Doc = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

const openapiConfig = {
  openapi: '3.1.0',
  info: {
    title: 'Civic participation and case workflow engine API',
    version: '1.0.0',
    description:
      'Cases with legal deadlines (Taiwan 行政程序法), petitions, consultations and participatory budgeting. ' +
      'Errors are RFC 9457 `application/problem+json`. Authenticate with the session cookie from /auth/login ' +
      'or `Authorization: Bearer <token>` from /auth/tokens.',
  },
  servers: [{ url: '/api/v1' }],
};

/** Mounts /openapi.json (generated from the route schemas) and a readable /docs page. */
export function mountDocs(api: OpenAPIHono<AppEnv>): void {
  api.doc31('/openapi.json', openapiConfig);
  api.get('/docs', (c) => {
    const doc = api.getOpenAPI31Document(openapiConfig);
    return c.html(renderDocs(doc));
  });
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

function renderDocs(doc: Doc) {
  const rows = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    methods
      .filter((m) => item?.[m])
      .map((m) => {
        const op = item![m]!;
        const codes = Object.keys(op.responses ?? {}).join(', ');
        return html`<tr>
          <td><code>${m.toUpperCase()}</code></td>
          <td><code>/api/v1${path}</code></td>
          <td>${op.summary ?? ''}${op.description ? html`<br /><small>${op.description}</small>` : ''}</td>
          <td>${codes}</td>
        </tr>`;
      }),
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${doc.info.title}</title>
        <style>
          body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1a1a1a; }
          table { border-collapse: collapse; width: 100%; }
          th, td { text-align: left; border-bottom: 1px solid #ccc; padding: .4rem; vertical-align: top; }
          code { background: #f2f2f2; padding: 0 .2rem; }
        </style>
      </head>
      <body>
        <main>
          <h1>${doc.info.title}</h1>
          <p>${doc.info.description ?? ''}</p>
          <p>Machine-readable: <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>.</p>
          <table>
            <caption>Endpoints</caption>
            <thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">What it does</th><th scope="col">Responses</th></tr></thead>
            <tbody>${raw(rows.join(''))}</tbody>
          </table>
        </main>
      </body>
    </html>`;
}
