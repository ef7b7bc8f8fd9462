// authdesk-load-error: esm-unknown-import.mjs:3:21: cannot import 'lodash': connector scripts can only import axios, @integration-app/sdk, @membranehq/sdk, crypto, buffer, url
// an import of a module Authdesk does not provide is a load-time error naming the module and file
import { get } from 'lodash';
export default function test() { return get({ a: 1 }, 'a'); }
