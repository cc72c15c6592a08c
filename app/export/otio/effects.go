package otio

import "rushcut/app/edit"

// effectsOf writes the clip's effects in order: each speed effect as a
// LinearTimeWarp, others as Effect.1 named by their kind (color,
// stabilize, flash_remove) with their parameters in metadata "rushcut"
// (a colour effect's CDL as {"slope", "offset", "power", "sat"}).
// A frame-for-frame conform (conform ≠ 1) folds into the first speed
// effect, or is a LinearTimeWarp of its own in front when there is none,
// so the product of the time_scalars is speed × conform.
func effectsOf(c *edit.Clip, conform edit.Ratio) []any {
	out := []any{}
	folded := conform.IsOne()
	warp := func(speed edit.Ratio, md meta) timeWarp {
		total := speed.Mul(edit.One)
		if !folded {
			total = total.Mul(conform)
			md["conform"] = conform.String()
			folded = true
		}
		return timeWarp{Schema: "LinearTimeWarp.1", Metadata: meta{"rushcut": md},
			EffectName: "LinearTimeWarp", Enabled: true, TimeScalar: num(total.Float())}
	}
	hasSpeed := false
	for _, e := range c.Effects {
		hasSpeed = hasSpeed || e.Kind == edit.EffectSpeed
	}
	if !hasSpeed && !folded {
		out = append(out, warp(edit.One, meta{}))
	}
	for _, e := range c.Effects {
		if e.Kind == edit.EffectSpeed {
			out = append(out, warp(e.Speed, meta{"speed": e.Speed.String()}))
			continue
		}
		params := meta{}
		for k, v := range e.Params {
			params[k] = v
		}
		if e.Kind == edit.EffectColor && e.CDL != nil {
			k := e.CDL
			params["cdl"] = meta{"slope": nums(k.Slope), "offset": nums(k.Offset), "power": nums(k.Power), "sat": num(k.Sat)}
		}
		out = append(out, effect{Schema: "Effect.1", Metadata: meta{"rushcut": params}, Name: string(e.Kind),
			EffectName: string(e.Kind), Enabled: true})
	}
	return out
}
