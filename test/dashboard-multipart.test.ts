import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMultipart } from '../src/dashboard/http/multipart.js';

describe('multipart form reading', () => {
  test('When a form has text fields and a file, then each is read, the file as UTF-8 text with its name', () => {
    const boundary = '----x1';
    const body = Buffer.from(
      [
        `--${boundary}`,
        'Content-Disposition: form-data; name="_csrf"',
        '',
        'tok',
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="stock é.csv"',
        'Content-Type: text/csv',
        '',
        'name,price\r\nCafé,1',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
    const fields = parseMultipart(body, boundary);
    assert.equal(fields._csrf, 'tok');
    assert.deepEqual({ ...(fields.file as object) }, { filename: 'stock é.csv', contentType: 'text/csv', text: 'name,price\r\nCafé,1' });
  });

  test('When the body is cut short, then it is refused with 400', () => {
    assert.throws(() => parseMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'), 'b'), /cut short/);
  });
});
