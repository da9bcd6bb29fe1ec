"""Risk analysis of the personal-information assets: the scoring matrix and heat map, the guided
draft, the dashboard reminders (C-REGISTER, C-RISK, R-DELETE) and the public-notice helper."""
