import { Router, type Response } from 'express';
import { isAppError, type AppError } from '../../shared/app-error.js';
import type { Product, Page } from '../../store/index.js';
import { requireRole } from '../auth/require-login.js';
import { CSV_COLUMNS, csvToProducts, productsToCsv, type RowError } from '../forms/inventory-csv.js';
import { friendlyMessage } from '../forms/fields.js';
import { formFailure } from '../forms/form-failure.js';
import { csrfProtection } from '../http/csrf.js';
import { uploadForm, uploadedText } from '../http/upload.js';
import { UNREACHABLE, type VoiceApi } from '../voice-api-client.js';
import { flash } from './page-helpers.js';
import { localTime } from '../../shared/local-time.js';

/** Keep the pasted or uploaded text in the form after a refusal, unless it is too big to be worth editing there. */
const KEEP_TEXT_LIMIT = 256 * 1024;

/** The API pages at most 500 products at a time. */
const EXPORT_PAGE_SIZE = 500;

async function allProducts(api: VoiceApi): Promise<Product[]> {
  const products: Product[] = [];
  for (let page = 1; page <= 100_000; page++) {
    const result = await api.get<Page<Product>>('/inventory', { page, pageSize: EXPORT_PAGE_SIZE });
    products.push(...result.items);
    if (result.items.length === 0 || products.length >= result.total) break;
  }
  return products;
}

interface ImportView {
  csv: string;
  banner: string;
  errors: RowError[];
}

function render(res: Response, view: ImportView, status = 200) {
  res.status(status).render('inventory-import', { title: 'Import inventory CSV', columns: CSV_COLUMNS, ...view });
}

/** CSV export and import. Import is one bulk request for the whole file: all rows are saved, or none. */
export function inventoryCsvPages(clock: () => Date): Router {
  const router = Router();
  router.use(requireRole('admin', 'staff'));

  router.get('/export.csv', async (req, res) => {
    const csv = productsToCsv(await allProducts(req.api));
    res.attachment(`inventory-${localTime(clock(), 'UTC').date}.csv`);
    res.type('text/csv; charset=utf-8').send(csv);
  });

  router.get('/import', (_req, res) => render(res, { csv: '', banner: '', errors: [] }));

  router.post('/import', uploadForm('file'), csrfProtection, async (req, res) => {
    const uploaded = uploadedText(req);
    const pasted = typeof req.body?.csv === 'string' ? req.body.csv : '';
    const text = uploaded.trim() !== '' ? uploaded : pasted;
    const keep = text.length <= KEEP_TEXT_LIMIT ? text : '';
    if (text.trim() === '') return render(res, { csv: '', banner: 'Choose a CSV file or paste its contents; nothing was imported.', errors: [] }, 400);

    const parsed = csvToProducts(text);
    if (!parsed.ok) {
      return render(res, { csv: keep, banner: `The file has ${parsed.errors.length} problem(s); nothing was imported.`, errors: parsed.errors }, 400);
    }
    try {
      const result = await req.api.post<Record<string, unknown>>('/inventory/bulk', { items: parsed.items });
      flash(req, 'ok', importSummary(result, parsed.items.length));
      res.redirect(303, '/inventory');
    } catch (error) {
      const failure = formFailure(error, []);
      const errors = isAppError(error) ? rowErrors(error, parsed.rows) : [];
      const banner =
        errors.length > 0
          ? `${errors.length} row problem(s); nothing was imported.`
          : isAppError(error) && error.code === UNREACHABLE
            ? failure.banner
            : `${failure.banner} Nothing was imported.`;
      render(res, { csv: keep, banner, errors }, (error as AppError).status);
    }
  });

  return router;
}

/** The API names each bad item by its index in `items`; the person needs the line of the file. */
function rowErrors(error: AppError, rows: number[]): RowError[] {
  return error.details.map((d) => {
    const index = typeof d.index === 'number' ? d.index : Number(/^(?:items)?\[(\d+)\]/.exec(d.path)?.[1] ?? Number.NaN);
    const field = typeof d.field === 'string' ? d.field : d.path.replace(/^(?:items)?\[\d+\]\.?/, '') || '(row)';
    return { row: Number.isInteger(index) && rows[index] !== undefined ? rows[index] : 0, field, message: friendlyMessage(d.message) };
  });
}

function importSummary(result: Record<string, unknown> | undefined, count: number): string {
  const created = typeof result?.created === 'number' ? result.created : undefined;
  const updated = typeof result?.updated === 'number' ? result.updated : undefined;
  if (created !== undefined && updated !== undefined) return `Imported ${count} products: ${created} added, ${updated} updated.`;
  return `Imported ${count} products.`;
}
