#!/usr/bin/env bats

@test 'not divisible by 4' {
  run bash leap.sh 2015
  [ "$status" -eq 0 ]
  [ "$output" = false ]
}

@test 'divisible by 400' {
  [[ $BATS_RUN_SKIPPED == "true" ]] || skip
  run bash leap.sh 2000
  [ "$status" -eq 0 ]
  [ "$output" = true ]
}

@test 'century' {
  [[ $BATS_RUN_SKIPPED == "true" ]] || skip
  run bash leap.sh 1900
  [ "$output" = false ]
}

@test 'bad input' {
  [[ $BATS_RUN_SKIPPED == "true" ]] || skip
  run bash leap.sh 20x0
  [ "$status" -eq 1 ]
  [ "$output" = 'Usage: leap.sh <year>' ]
}
