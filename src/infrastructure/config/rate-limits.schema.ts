import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';

/** One limit: at most `points` requests per `durationSeconds`; `points: 0` switches the limit off. */
export class RateLimitRuleSchema {
  @IsInt() @Min(0) @Max(1_000_000) points!: number;
  @IsInt() @Min(1) @Max(7 * 24 * 3600) durationSeconds!: number;
}

/**
 * The `rateLimits` setting (ours; pump.io had none): login attempts per address, registrations per address, API
 * writes per address and per verified client, OAuth client registrations per address,
 * deliveries from other servers to the inboxes per address. Each part is optional and falls back to its
 * default.
 */
export class RateLimitsSchema {
  @IsOptional() @ValidateNested() @Type(() => RateLimitRuleSchema) login?: RateLimitRuleSchema;
  @IsOptional() @ValidateNested() @Type(() => RateLimitRuleSchema) registration?: RateLimitRuleSchema;
  @IsOptional() @ValidateNested() @Type(() => RateLimitRuleSchema) apiWrites?: RateLimitRuleSchema;
  @IsOptional()
  @ValidateNested()
  @Type(() => RateLimitRuleSchema)
  clientRegistration?: RateLimitRuleSchema;
  @IsOptional()
  @ValidateNested()
  @Type(() => RateLimitRuleSchema)
  inboxDeliveries?: RateLimitRuleSchema;
}
