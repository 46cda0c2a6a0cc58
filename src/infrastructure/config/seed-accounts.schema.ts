import { Type } from 'class-transformer';
import { IsArray, IsNotEmpty, IsOptional, IsString, ValidateNested } from 'class-validator';

import { IsHost } from './config-validators';

/**
 * One OAuth client of the `clients` setting, with pump.io's field names. pump.io creates these at start for tests;
 * Pumphouse validates them now and creates them when the OAuth provider lands.
 */
export class SeedClientSchema {
  @IsString()
  @IsNotEmpty()
  client_id!: string;

  @IsString()
  @IsNotEmpty()
  client_secret!: string;

  @IsOptional()
  @IsString()
  title?: string;

  @IsOptional()
  @IsString()
  description?: string;

  @IsOptional()
  @IsHost()
  host?: string;
}

/** An access token of a configured user: OAuth 1.0a when it has `token_secret` and no `scope`, else bearer. */
export class SeedTokenSchema {
  @IsString()
  @IsNotEmpty()
  token!: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  token_secret?: string;

  @IsString()
  @IsNotEmpty()
  client_id!: string;

  @IsOptional()
  @IsString()
  scope?: string;
}

/** One user of the `users` setting, as in pump.io's test config. */
export class SeedUserSchema {
  @IsString()
  @IsNotEmpty()
  nickname!: string;

  @IsString()
  @IsNotEmpty()
  password!: string;

  @IsOptional()
  @IsString()
  email?: string;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SeedTokenSchema)
  tokens?: SeedTokenSchema[];
}
