# the frame table by round, as `rules --frames` prints it (rules/saikouchiku/frames.yml):
# reviewed against ../shared/domain-frames.md; values it marks M show （未確認）
cd ../../.. && "$PLANCHECK" rules --frames
