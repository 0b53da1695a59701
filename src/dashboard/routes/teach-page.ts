import { Router, type Request, type Response } from 'express';
import { isAppError } from '../../shared/app-error.js';
import type { Page, Product } from '../../store/index.js';
import { flash } from './page-helpers.js';

/**
 * Teach the line what an unmet request meant: staff search the products by name, pick the
 * one the caller wanted, and the caller's words become one of its keywords (through the voice
 * service's API), so the next caller who says them gets that product.
 */
const MAX_PHRASE = 100;
const RESULTS = 20;

interface TeachView {
  phrase: string;
  q: string;
  products: Product[];
  total: number;
  productId: string;
  errors: { phrase?: string; productId?: string };
}

/** What was typed or linked, trimmed to one line of at most the length a keyword may have. */
function phraseOf(raw: unknown): string {
  return String(raw ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_PHRASE);
}

export function teachPage(): Router {
  const router = Router();

  async function render(req: Request, res: Response, view: Omit<TeachView, 'products' | 'total'>, status = 200): Promise<void> {
    const search = view.q || view.phrase;
    const found = search ? await req.api.get<Page<Product>>('/inventory', { q: search, pageSize: RESULTS }) : { items: [], total: 0 };
    res.status(status).render('teach', { title: 'Teach the phone line', ...view, q: search, products: found.items, total: found.total });
  }

  router.get('/', async (req, res) => {
    await render(req, res, { phrase: phraseOf(req.query.phrase), q: phraseOf(req.query.q), productId: '', errors: {} });
  });

  router.post('/', async (req, res) => {
    const phrase = phraseOf(req.body?.phrase);
    const productId = String(req.body?.productId ?? '');
    const q = phraseOf(req.body?.q);
    const errors: TeachView['errors'] = {};
    if (!phrase) errors.phrase = 'Type what the caller said.';
    if (!productId) errors.productId = 'Choose the product the caller meant.';
    if (errors.phrase || errors.productId) return render(req, res, { phrase, q, productId, errors }, 400);
    try {
      const { product, added } = await req.api.post<{ product: Product; added: boolean }>(`/inventory/${encodeURIComponent(productId)}/keywords`, { phrase });
      flash(req, 'ok', added
        ? `Taught. Callers who say "${phrase}" will now hear about ${product.name}.`
        : `"${phrase}" already leads callers to ${product.name}. Nothing changed.`);
      res.redirect(303, '/calls');
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      if (error.status === 404) errors.productId = 'That product is gone. Search again and choose another.';
      else errors.phrase = error.details?.[0]?.message ? `The words ${error.details[0].message}.` : error.message;
      await render(req, res, { phrase, q, productId: error.status === 404 ? '' : productId, errors }, error.status);
    }
  });

  return router;
}
