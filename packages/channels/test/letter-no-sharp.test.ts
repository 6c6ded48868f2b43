import { describe, expect, it, vi } from 'vitest';
import { type LetterTextReader, parseLetter } from '../src/index.js';
import { fixture, RECEIVED } from './fixtures.js';

// A bundle that left sharp's native parts behind: loading it fails.
vi.mock('sharp', () => {
  throw new Error('Could not load the "sharp" module using the linux-x64 runtime');
});

describe('parseLetter without the image library', () => {
  it('reads the image as it came, says so, and does not refuse the letter', async () => {
    const file = fixture('letter-rent-photo.jpg');
    const ocr: LetterTextReader & { read: ReturnType<typeof vi.fn> } = {
      method: 'textract',
      read: vi.fn(async () => ({ text: 'Re: Rent statement\n\nTomasz Nowak\nPhone: 01632 960 518', confidence: 90 })),
    };

    const message = await parseLetter(file, { filename: 'photo.jpg', receivedAt: RECEIVED, ocr });

    expect(ocr.read).toHaveBeenCalledWith(file, 'image/jpeg');
    expect(message.scan?.preparation?.[0]).toMatch(/^none: sharp could not be loaded/);
    expect(message.subject).toBe('Rent statement');
  });
});
