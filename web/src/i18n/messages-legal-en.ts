/** The front door, the user agreement and the privacy policy (English). */
export const legalEn = {
  "legal.agreePrefix": "I have read and agree to the ",
  "legal.terms": "User Agreement",
  "legal.and": " and the ",
  "legal.privacy": "Privacy Policy",
  "legal.agreeRequired": "Read and agree to the user agreement and privacy policy first",
  "legal.version": "Version {version}",
  "legal.back": "Back",
  "legal.terms.title": "User Agreement",
  "legal.terms.body":
    "Welcome to Zhubo Academy. The platform offers training agencies, learners/hosts and brands courses, live practice, certification and matching for live-commerce sessions.\nBy signing up you confirm your details are true and you are responsible for what happens under your account; keep your password to yourself.\nLearners' practice streams are for training and review only; agencies issue certificates against published requirements, and the platform may revoke one obtained by cheating.\nTerms between brands and hosts (slot fee, commission) are the contract version both confirmed on the platform; money is settled through the platform's ledger, and payouts need an account in your real name.\nNo unlawful, infringing or misleading content; the platform may limit or end service for breaches.\nDisputes are settled amicably first, otherwise by the competent people's court where the platform's operator is based.",
  "legal.privacy.title": "Privacy Policy",
  "legal.privacy.body":
    "What we collect: the mobile number or email you sign up with, your display name and city; your learning progress, practice streams' time and recordings, reviews and certificates; your host card as a host; your Alipay account and real name for payouts.\nWhy: to provide learning, certification, matching, settlement and notifications; codes and important notices go by SMS or email, with quiet hours you set in the inbox.\nSharing: brands see only your public host card; the certificate verification page shows only your name and the certificate; Alipay receives only what a payout needs. We never sell personal information.\nStorage: on servers in mainland China, for the shortest time the service needs; recordings and notifications expire automatically.\nYour rights: see and correct your information, withdraw consent or close your account; withdrawing doesn't undo processing done with your consent before.\nContact: privacy@zhubo.cn. This policy follows the Personal Information Protection Law; when it changes you are asked to agree again.",

  "landing.title": "Learn live commerce, earn a certificate, get booked by brands",
  "landing.lead": "Jiangsu's training agencies, hosts and brands, from the first lesson to the first paid live session.",
  "landing.signUp": "Sign up free",
  "landing.signIn": "Sign in",
  "landing.verify": "Verify a certificate",
  "landing.learners": "Learners and hosts",
  "landing.learners.body":
    "Take an agency's course, practise on a real live stream, get line-by-line reviews, earn a certificate anyone can verify, and get found by brands.",
  "landing.agencies": "Training agencies",
  "landing.agencies.body":
    "Run courses and cohorts, see every learner's progress and practice time, issue certificates by the requirements, and export reports for training subsidies.",
  "landing.brands": "Brands",
  "landing.brands.body":
    "Post a live session, find certified hosts by city, category, date and certificate, and settle contracts, slot fees and commission on the platform.",
  "landing.footer": "Zhubo Academy · Jiangsu",
} as const;
