export * from 'axios';
export * as sdk from '@integration-app/sdk';
export { default as client } from 'axios';