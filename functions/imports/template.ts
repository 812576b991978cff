import { routeHandler } from '../../shared/api/handler.js';
import { routes } from '../../shared/api/routes.js';
import { buildTemplate } from '../../shared/students/import-format.js';

let template: Buffer | undefined;

export const handler = routeHandler(routes.getImportTemplate, async () => {
  template ??= await buildTemplate();
  return {
    body: template,
    headers: { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('新生学籍导入模板.xlsx')}` },
  };
});
