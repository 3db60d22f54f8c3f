import Imaging

/// How the mannequin looks: skin, hair and clothing colours, sleeve and leg length, hair style.
public struct FigureStyle: Sendable, Equatable {
    /// Skin.
    public var skin: RGB
    /// Hair and eyebrows.
    public var hair: RGB
    /// Irises.
    public var eyes: RGB
    /// Lips.
    public var lips: RGB
    /// The top (shirt).
    public var top: RGB
    /// The bottoms (leggings or shorts).
    public var bottom: RGB
    /// Shoes.
    public var shoes: RGB
    /// How far down the upper arm the sleeves reach, 0 (sleeveless) to 1 (the elbow).
    public var sleeveLength: Double
    /// How far down the leg the bottoms reach, 0 (hips only) to 1 (the ankle); 0.5 is shorts
    /// halfway down the thigh.
    public var legLength: Double
    /// Hair gathered in a bun at the back of the head (else short hair).
    public var hairBun: Bool

    /// A style with these colours and lengths.
    public init(skin: RGB, hair: RGB, eyes: RGB, lips: RGB, top: RGB, bottom: RGB, shoes: RGB,
                sleeveLength: Double, legLength: Double, hairBun: Bool) {
        self.skin = skin
        self.hair = hair
        self.eyes = eyes
        self.lips = lips
        self.top = top
        self.bottom = bottom
        self.shoes = shoes
        self.sleeveLength = sleeveLength
        self.legLength = legLength
        self.hairBun = hairBun
    }

    /// A few people in gym clothes, with different skin tones, hair and outfits.
    public static let presets: [FigureStyle] = [
        FigureStyle(skin: RGB(hex: 0xD9A07E), hair: RGB(hex: 0x3B2A20), eyes: RGB(hex: 0x4A3222), lips: RGB(hex: 0xA8524A),
                    top: RGB(hex: 0x2A9D8F), bottom: RGB(hex: 0x6A2C52), shoes: RGB(hex: 0xEDEDED),
                    sleeveLength: 0.35, legLength: 1, hairBun: true),
        FigureStyle(skin: RGB(hex: 0x8D5A3B), hair: RGB(hex: 0x1C1714), eyes: RGB(hex: 0x2B1A10), lips: RGB(hex: 0x6E3B30),
                    top: RGB(hex: 0xE76F51), bottom: RGB(hex: 0x2F3440), shoes: RGB(hex: 0xDADDE2),
                    sleeveLength: 0.5, legLength: 0.85, hairBun: false),
        FigureStyle(skin: RGB(hex: 0xF0C4A2), hair: RGB(hex: 0x7A3E1D), eyes: RGB(hex: 0x3E5A6B), lips: RGB(hex: 0xB85C58),
                    top: RGB(hex: 0x264E70), bottom: RGB(hex: 0x4A4E55), shoes: RGB(hex: 0xF2F2F2),
                    sleeveLength: 0, legLength: 0.5, hairBun: true),
        FigureStyle(skin: RGB(hex: 0xC08560), hair: RGB(hex: 0x2B1D14), eyes: RGB(hex: 0x3A2416), lips: RGB(hex: 0x94503F),
                    top: RGB(hex: 0xE9C46A), bottom: RGB(hex: 0x1D3557), shoes: RGB(hex: 0xE8E8E8),
                    sleeveLength: 0.45, legLength: 1, hairBun: false),
    ]

    /// The preset chosen by a stable hash of `name` (the same name always gives the same style).
    public static func preset(for name: String) -> FigureStyle {
        // FNV-1a: Swift's own hashing is seeded per process, so it would not be repeatable.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return presets[Int(hash % UInt64(presets.count))]
    }
}
