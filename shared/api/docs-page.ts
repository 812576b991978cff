import type { openApiDocument } from './openapi.js';

type Document = ReturnType<typeof openApiDocument>;
type Json = Record<string, unknown>;

/**
 * A self-contained reference page rendered from the OpenAPI document: no script, no CDN, so it works offline and
 * from a Lambda without static assets. Schemas are shown as the JSON Schema the document holds.
 */
export function renderDocsPage(doc: Document): string {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, op]) => ({ path, method, op: op as Json })),
  );
  const tags = [...new Set(operations.map((o) => ((o.op.tags as string[]) ?? ['Other'])[0]!))];
  const nav = tags.map((t) => `<li><a href="#${anchor(t)}">${esc(t)}</a></li>`).join('');
  const sections = tags
    .map((tag) => {
      const ops = operations.filter((o) => ((o.op.tags as string[]) ?? ['Other'])[0] === tag);
      return `<section id="${anchor(tag)}"><h2>${esc(tag)}</h2>${ops.map(renderOperation).join('')}</section>`;
    })
    .join('');
  const schemas = Object.entries((doc.components?.schemas ?? {}) as Json)
    .map(([name, schema]) => `<details id="schema-${anchor(name)}"><summary>${esc(name)}</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>`)
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)}</title>
<style>
body{font:15px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;display:flex;color:#1d2330}
nav{width:220px;padding:1rem;background:#f3f5f9;min-height:100vh;position:sticky;top:0;align-self:flex-start}
main{flex:1;padding:1rem 2rem;max-width:980px}
.op{border:1px solid #d8dde6;border-radius:6px;margin:1rem 0;padding:.75rem 1rem}
.method{display:inline-block;min-width:4.5em;font-weight:700;font-family:monospace}
.GET{color:#0b6bcb}.POST{color:#1a7f37}.PATCH{color:#9a6700}.DELETE{color:#cf222e}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f6f8fa;padding:.5rem;overflow:auto}
table{border-collapse:collapse}td,th{border:1px solid #d8dde6;padding:2px 8px;text-align:left}
</style></head><body>
<nav><strong>API</strong><ul>${nav}<li><a href="#schemas">Schemas</a></li><li><a href="openapi.json">openapi.json</a></li></ul></nav>
<main><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description ?? '')}</p>
<p>Authenticate with <code>Authorization: Bearer &lt;credential token&gt;</code>. Errors are <code>application/problem+json</code>
(RFC 9457) with <code>title</code>/<code>detail</code> in English, <code>zh</code> in Chinese, the failing <code>errors[].field</code> and the <code>requestId</code>.
Lists are paginated with an opaque <code>cursor</code>.</p>
${sections}<section id="schemas"><h2>Schemas</h2>${schemas}</section></main></body></html>`;
}

function renderOperation({ path, method, op }: { path: string; method: string; op: Json }): string {
  const params = ((op.parameters as Json[]) ?? [])
    .map((p) => `<tr><td><code>${esc(String(p.name))}</code></td><td>${esc(String(p.in))}</td><td>${p.required ? 'yes' : ''}</td><td>${esc(String((p.schema as Json)?.type ?? ''))}</td><td>${esc(String(p.description ?? ''))}</td></tr>`)
    .join('');
  const body = schemaRef(((op.requestBody as Json)?.content as Json | undefined)?.['application/json']);
  const responses = Object.entries((op.responses as Json) ?? {})
    .map(([status, r]) => {
      const content = (r as Json).content as Json | undefined;
      const ref = content ? schemaRef(Object.values(content)[0]) : '';
      return `<li><code>${status}</code> ${esc(String((r as Json).description))} ${ref}</li>`;
    })
    .join('');
  const upper = method.toUpperCase();
  return `<div class="op" id="${esc(String(op.operationId))}"><div><span class="method ${upper}">${upper}</span><code>${esc(path)}</code></div>
<p>${esc(String(op.summary ?? ''))}</p><p><em>${esc(String(op.description ?? ''))}</em></p>
${params ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>type</th><th>description</th></tr>${params}</table>` : ''}
${body ? `<p>Request body: ${body}</p>` : ''}<ul>${responses}</ul></div>`;
}

function schemaRef(media: unknown): string {
  const ref = ((media as Json | undefined)?.schema as Json | undefined)?.$ref;
  if (typeof ref !== 'string') return '';
  const name = ref.split('/').pop()!;
  return `<a href="#schema-${anchor(name)}"><code>${esc(name)}</code></a>`;
}

function anchor(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
