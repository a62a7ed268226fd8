/**
 * `ephemeral "credform_env_secret"`: reads a secret from the environment of the Terraform run at
 * plan and apply time. Its value is ephemeral (Terraform 1.10+): it can feed write-only attributes
 * and is never written to a plan file or state. This is what `Secret.fromEnv` synthesizes.
 */
import { z } from 'zod';
import type { EphemeralResourceType } from '../tfplugin/resource';
import { attribute } from '../tfplugin/schema/attribute';

export const ENV_SECRET_TYPE = 'credform_env_secret';

export function envSecretEphemeral<P>(env: NodeJS.ProcessEnv): EphemeralResourceType<P> {
  return {
    typeName: ENV_SECRET_TYPE,
    schema: {
      description: 'A secret read from an environment variable of the Terraform run, at plan and apply time. Ephemeral: never stored. Requires Terraform 1.10+ (and 1.11+ to feed write-only attributes).',
      block: {
        attributes: {
          name: attribute.required(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name (letters, digits, underscores)'), {
            description: 'Name of the environment variable.',
          }),
          value: attribute.computed(z.string(), { description: 'The variable\'s value.', sensitive: true }),
        },
      },
    },
    open(req) {
      const name = req.config.name as string;
      const value = env[name];
      if (value === undefined || value === '') {
        req.diagnostics.addAttributeError(['name'], 'Environment variable not set', `The secret comes from the environment variable \`${name}\`, which is not set (or empty) where Terraform runs. Export it before \`cdktf deploy\` / \`terraform apply\`.`);
        return;
      }
      req.result.value = value;
    },
  };
}
