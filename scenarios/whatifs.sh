#!/bin/sh
# The shipped what-ifs on the 2017 baseline (outputs recorded in scenarios/README.md).
# Run from the repository root: sh scenarios/whatifs.sh
set -e
B=scenarios/china-banking-2017.yaml
echo "## 1. staff trend continued: -4%";                              npx ccsim whatif $B --staff -4%
echo "## 2. self-service 69% -> 75% in the report's terms: +6 points"; npx ccsim whatif $B --self-service +6pt
echo "## 3. both together: -8% staff and +6 points of self-service, and the staff to hold 91.22% on voice"
npx ccsim whatif $B --staff -8% --self-service +6pt --hold 'answerRate[voice]=0.9122'
echo "## 4. staff needed to hold 91.22% on voice at a 75% model share (ivr/offered)"
npx ccsim whatif $B --self-service 0.75 --hold 'answerRate[voice]=0.9122'
echo "## 5. 10% of voice moves to WeChat and staff drop 4%: every channel, and the staff that holds 91.22% on voice"
npx ccsim whatif $B --shift voice:wechat=10% --staff -4% --hold 'answerRate[voice]=0.9122'
