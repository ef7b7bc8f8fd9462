// authdesk-load-error: ts-unknown-relative-import.ts:4:24: cannot import './helpers': connector scripts can only import axios, @integration-app/sdk, @membranehq/sdk, crypto, buffer, url
// a relative import: connector methods are single files
interface Unused { a: number }
import { format } from './helpers';
export default function test(): string { return format('x'); }
