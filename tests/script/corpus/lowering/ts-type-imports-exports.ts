// import type, export type, inline type specifiers and type-only re-exports are removed
import type { AxiosInstance } from 'axios';
import { type AxiosResponse, default as axios } from 'axios';
import type * as Types from 'axios';
export type { AxiosInstance };
export type { AxiosRequestConfig } from 'axios';
type Local = Types.AxiosRequestConfig;
export default function test(): unknown {
  const instance: AxiosInstance | null = null;
  const response: AxiosResponse | undefined = undefined;
  const config: Local = {};
  return [typeof axios, instance, response === undefined, config];
}
