/**
 * Setup for the `components` Vitest project (jsdom). Testing Library unmounts what a test rendered only
 * when test globals are on; they are not, so it is done here: every test starts from an empty document.
 */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
