import type { CreateUserRequest, UpdateUserRequest } from '@tapin/shared';
import { request } from './request';

const path = (id: string) => `/api/users/${encodeURIComponent(id)}`;

// My account > Users.

export const list = () => request('GET', '/api/users', 'UserListJSON');
export const get = (id: string) => request('GET', path(id), 'UserReplyJSON');
export const create = (body: CreateUserRequest) => request('POST', '/api/users', 'UserReplyJSON', body);
export const update = (id: string, body: UpdateUserRequest) =>
  request('PATCH', path(id), 'UserReplyJSON', body);
export const remove = (id: string) => request('DELETE', path(id), 'OkJSON');
