/** What the configuration says about mail (pump.io's keys, docs/protocol.md §10.2). */
export interface EmailSettings {
  /** An SMTP server is configured (`smtpserver`): mail is sent, and password recovery is offered. */
  readonly enabled: boolean;
  /** `requireEmail`: an account needs a confirmed address before it may act. */
  readonly requireEmail: boolean;
  /** The site's name (config `site`), in subjects and greetings. */
  readonly siteName: string;
}
