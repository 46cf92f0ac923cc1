import KarpenterWebhook

WebhookCommand.main()
