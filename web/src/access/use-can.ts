import { useSession } from '../session/index.js';
import { roleHasPermission, type Permission } from './permissions.js';

/** `can('users.manage')`: whether the signed-in role may use a feature, to show it or not. */
export function useCan(): (permission: Permission) => boolean {
  const { principal } = useSession();
  return (permission) => roleHasPermission(principal.role, permission);
}
