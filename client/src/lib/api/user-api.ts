import {
  OkJSON,
  UserListJSON,
  UserReplyJSON,
  type CreateUserRequest,
  type UpdateUserRequest,
} from '@tapin/shared';
import { request } from './request';

const path = (id: string) => `/api/users/${encodeURIComponent(id)}`;

/** My account > Users. */
export const userApi = {
  list: () => request('GET', '/api/users', UserListJSON),
  get: (id: string) => request('GET', path(id), UserReplyJSON),
  create: (body: CreateUserRequest) => request('POST', '/api/users', UserReplyJSON, body),
  update: (id: string, body: UpdateUserRequest) => request('PATCH', path(id), UserReplyJSON, body),
  remove: (id: string) => request('DELETE', path(id), OkJSON),
};
