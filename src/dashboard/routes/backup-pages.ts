import { Router, type Request, type Response } from 'express';
import { AppError } from '../../shared/app-error.js';
import { requireRole } from '../auth/require-login.js';
import { formFailure, noFailure, type FormFailure } from '../forms/form-failure.js';
import { csrfProtection } from '../http/csrf.js';
import { uploadForm, uploadedText } from '../http/upload.js';
import { flash } from './page-helpers.js';
import { localTime } from '../../shared/local-time.js';

/** Download the whole data set as one JSON file; restore one (admin only: it replaces everything). */
export function backupPages(clock: () => Date): Router {
  const router = Router();
  router.use(requireRole('admin'));

  const render = (res: Response, failure: FormFailure = noFailure(), status = 200) => res.status(status).render('backup', { title: 'Backup and restore', failure });

  router.get('/', (_req, res) => render(res));

  router.get('/download', async (req, res) => {
    const document = await req.api.get<unknown>('/backup');
    const date = localTime(clock(), 'UTC').date;
    res.attachment(`store-backup-${date}.json`);
    res.type('application/json').send(JSON.stringify(document, null, 2));
  });

  router.post('/restore', uploadForm('backup'), csrfProtection, async (req: Request, res) => {
    try {
      const text = uploadedText(req);
      const filename = req.file?.originalname ?? '';
      if (text.trim() === '') {
        throw new AppError('validation_failed', 'Choose a backup file to restore', 400, [{ path: 'backup', message: 'choose a backup file (.json) made by "Download backup"' }]);
      }
      if (req.body?.confirm !== 'on') {
        throw new AppError('validation_failed', 'Tick the box to confirm that the restore replaces all current data', 400, [{ path: 'confirm', message: 'tick to confirm' }]);
      }
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (error) {
        throw new AppError('validation_failed', `${filename || 'The file'} is not JSON: ${(error as Error).message}`, 400, [{ path: 'backup', message: 'is not a JSON backup file' }]);
      }
      await req.api.post('/restore', document);
      flash(req, 'ok', `Restored the data from ${filename || 'the backup'}.`);
      res.redirect(303, '/backup');
    } catch (error) {
      const failure = formFailure(error, ['backup', 'confirm']);
      render(res, failure, (error as AppError).status);
    }
  });

  return router;
}
