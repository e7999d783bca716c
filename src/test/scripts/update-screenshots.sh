#!/usr/bin/env bash
# Makes the page's screenshots again (the browser test, StatusPageIT, in headless Chromium) and
# copies the ones README shows into docs/. Run it after a change to the page; a plain test run
# leaves them in target/screenshots/ and the tree clean. The Chinese one needs CJK fonts
# (Debian: fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -B -q verify -Dit.test=StatusPageIT -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
for shot in page-en.png page-zh-CN.png tamper-lab.png wallet.png network.png network-zh-CN.png; do
  install -m 644 "target/screenshots/$shot" "docs/$shot"
  echo "docs/$shot"
done
