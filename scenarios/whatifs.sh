#!/bin/sh
# The shipped what-ifs on the 2017 baseline (outputs recorded in scenarios/README.md).
# Run from the repository root: sh scenarios/whatifs.sh
set -e
B=scenarios/china-banking-2017.yaml
echo "## 1. staff trend continued: -4%";                 npx ccsim whatif $B --staff -4%
echo "## 2. self-service at 75%";                        npx ccsim whatif $B --self-service 0.75
echo "## 3. both together: -8% staff and 75% self-service, and the staff to hold 91.22%"
npx ccsim whatif $B --staff -8% --self-service 0.75 --hold answerRate=0.9122
echo "## 4. staff needed to hold 91.22% at 75% self-service"
npx ccsim whatif $B --self-service 0.75 --hold answerRate=0.9122
